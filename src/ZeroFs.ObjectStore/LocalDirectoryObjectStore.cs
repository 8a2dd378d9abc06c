using Microsoft.Win32.SafeHandles;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The embedded default store: each object is the file <c>root/&lt;key&gt;</c>. Writes are
/// crash-safe (temp file in <c>root/.tmp</c>, fsync, atomic publish, fsync of the directory) and
/// conditional writes are correct across processes sharing the directory (rename-if-absent for
/// create-only, a per-key flock for if-match). Metadata and the etag live in a sidecar under
/// <c>root/.meta</c>. The on-disk layout is documented in docs/formats/local-directory-store.md.
/// Linux only (it calls libc directly).
/// </summary>
public sealed partial class LocalDirectoryObjectStore : IObjectStore
{
    private const int HeadAttempts = 3;
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private readonly string _root;
    private readonly string _tmpDirectory;
    private readonly string _metaDirectory;
    private readonly LocalKeyLocks _locks;

    /// <summary>Opens (creating when needed) the store rooted at <paramref name="rootPath"/>.</summary>
    public LocalDirectoryObjectStore(string rootPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The local-directory object store needs Linux (renameat2, flock, statx).");
        }

        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootPath));
        _tmpDirectory = Path.Combine(_root, ".tmp");
        _metaDirectory = Path.Combine(_root, ".meta");
        var locksDirectory = Path.Combine(_root, ".locks");
        try
        {
            Directory.CreateDirectory(_root);
            Directory.CreateDirectory(_tmpDirectory);
            Directory.CreateDirectory(_metaDirectory);
            Directory.CreateDirectory(locksDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStoreException($"Cannot create the local object store at '{_root}': {e.Message}", isTransient: false, e);
        }

        _locks = new LocalKeyLocks(locksDirectory);
        Description = "file://" + _root;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>The absolute root directory.</summary>
    public string RootPath => _root;

    /// <inheritdoc/>
    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        LocalKeys.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Read(key, range));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("GET", key, e);
        }
    }

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        LocalKeys.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(Describe(key, includeMetadata: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("HEAD", key, e);
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        LocalKeys.Validate(key);
        try
        {
            using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
            var dataPath = DataPath(key);
            if (LocalDirectoryNative.StatPath(dataPath) is null)
            {
                DeleteQuietly(MetaPath(key));
                return;
            }

            File.Delete(dataPath);
            LocalDirectoryNative.FsyncDirectory(Path.GetDirectoryName(dataPath)!);

            // After the data: a sidecar that outlives its object (crash here) matches no file.
            DeleteQuietly(MetaPath(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("DELETE", key, e);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private GetResult? Read(string key, ByteRange? range)
    {
        var path = DataPath(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            return null;
        }

        using (handle)
        {
            var identity = LocalDirectoryNative.StatHandle(handle, path);
            var meta = DescribeOpenFile(key, identity, handle, includeMetadata: true);
            var (start, count) = (range ?? ByteRange.FromOffset(0, long.MaxValue)).Resolve(identity.Size);
            if (count > Array.MaxLength)
            {
                throw new ObjectStoreException(
                    $"Object '{key}' in {Description} is {identity.Size} bytes, too large for one read; use a range.",
                    isTransient: false);
            }

            var length = (int)count;
            var buffer = GetResult.Rent(length);
            try
            {
                var done = 0;
                while (done < length)
                {
                    var read = RandomAccess.Read(handle, buffer.AsSpan(done, length - done), start + done);
                    if (read == 0)
                    {
                        break;
                    }

                    done += read;
                }

                return new GetResult(buffer, done, meta, start);
            }
            catch
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    // HEAD and LIST: the sidecar entry for the file now at the path. Writers replace the sidecar
    // before the data, so a miss usually means a writer raced us; look again before hashing.
    private ObjectMeta? Describe(string key, bool includeMetadata)
    {
        var path = DataPath(key);
        for (var attempt = 0; attempt < HeadAttempts; attempt++)
        {
            var identity = LocalDirectoryNative.StatPath(path);
            if (identity is null)
            {
                return null;
            }

            var entry = FindSidecarEntry(key, identity.Value);
            if (entry is not null)
            {
                return ToMeta(key, identity.Value, entry.ETag, includeMetadata ? entry.Metadata : null, includeMetadata);
            }
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var identity = LocalDirectoryNative.StatHandle(handle, path);
            return DescribeOpenFile(key, identity, handle, includeMetadata);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private ObjectMeta DescribeOpenFile(string key, FileIdentity identity, SafeFileHandle handle, bool includeMetadata)
    {
        var entry = FindSidecarEntry(key, identity);
        return entry is not null
            ? ToMeta(key, identity, entry.ETag, entry.Metadata, includeMetadata)
            : ToMeta(key, identity, ContentETag.Compute(handle, identity.Size), null, includeMetadata);
    }

    private static ObjectMeta ToMeta(
        string key,
        FileIdentity identity,
        string etag,
        IReadOnlyDictionary<string, string>? metadata,
        bool includeMetadata) =>
        new(key, identity.Size, etag, identity.LastModified, includeMetadata ? metadata ?? EmptyMetadata : null);

    private LocalSidecar.Entry? FindSidecarEntry(string key, FileIdentity identity)
    {
        foreach (var entry in ReadSidecar(key))
        {
            if (entry.Identity == identity)
            {
                return entry;
            }
        }

        return null;
    }

    private IReadOnlyList<LocalSidecar.Entry> ReadSidecar(string key)
    {
        try
        {
            return LocalSidecar.Parse(File.ReadAllBytes(MetaPath(key)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private string DataPath(string key) => Path.Combine(_root, key);

    private string MetaPath(string key) => Path.Combine(_metaDirectory, key);

    private string NewTempPath(string suffix) => Path.Combine(_tmpDirectory, Guid.NewGuid().ToString("N") + suffix);

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers are harmless: temp files are ignored and stale sidecars match no file.
        }
    }

    private ObjectStoreException Failure(string operation, string key, Exception e) =>
        new($"{operation} '{key}' in {Description} failed: {e.Message}", isTransient: false, e);
}
