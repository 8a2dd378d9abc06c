namespace ZeroFs.ObjectStore;

/// <summary>The write path: temp file, fsync, sidecar, atomic publish, directory fsync.</summary>
public sealed partial class LocalDirectoryObjectStore
{
    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        LocalKeys.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        var etag = ContentETag.Compute(body.Span);
        var tempPath = NewTempPath(".data");
        try
        {
            var identity = WriteDurably(tempPath, body.Span);
            return await PublishAsync(key, tempPath, identity, etag, condition, metadata, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("PUT", key, e);
        }
        finally
        {
            DeleteQuietly(tempPath);
        }
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null)
    {
        LocalKeys.Validate(key);
        ObjectUploadLimits.ValidateCondition(condition);
        return new LocalUpload(this, key, condition, metadata);
    }

    // Publishes a durable temp file as `key` if the condition holds (under the key lock): sidecar
    // first, then the rename (no-replace for create-only), then the directory fsync.
    private async Task<PutResult> PublishAsync(
        string key,
        string tempPath,
        FileIdentity identity,
        string etag,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata,
        CancellationToken cancellationToken)
    {
        var metadataCopy = metadata is { Count: > 0 } ? new Dictionary<string, string>(metadata, StringComparer.Ordinal) : null;
        using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        var dataPath = DataPath(key);
        var current = LocalDirectoryNative.StatPath(dataPath);
        if (current is null && Directory.Exists(dataPath))
        {
            throw new IOException($"'{dataPath}' is a directory (the store holds keys below '{key}/')");
        }

        if (!ConditionHolds(key, condition, current))
        {
            return PutResult.PreconditionFailed;
        }

        // The sidecar goes first and keeps the current version's entry, so readers of either
        // version find theirs whether or not the publish below happens.
        WriteSidecar(key, current, new LocalSidecar.Entry(identity, etag, metadataCopy));
        EnsureDirectory(Path.GetDirectoryName(dataPath)!);
        if (condition.Kind == PutConditionKind.CreateOnly)
        {
            if (!LocalDirectoryNative.TryPublishNoReplace(tempPath, dataPath))
            {
                return PutResult.PreconditionFailed;
            }
        }
        else
        {
            File.Move(tempPath, dataPath, overwrite: true);
        }

        LocalDirectoryNative.FsyncDirectory(Path.GetDirectoryName(dataPath)!);
        return PutResult.Ok(etag);
    }

    private bool ConditionHolds(string key, PutCondition condition, FileIdentity? current)
    {
        switch (condition.Kind)
        {
            case PutConditionKind.CreateOnly:
                return current is null;
            case PutConditionKind.IfMatch:
                if (current is null)
                {
                    return false;
                }

                // Under the key lock nobody can publish, so the file at the path stays this version.
                var meta = Describe(key, includeMetadata: false);
                return meta is not null && string.Equals(meta.ETag, condition.ETag, StringComparison.Ordinal);
            default:
                return true;
        }
    }

    private void WriteSidecar(string key, FileIdentity? current, LocalSidecar.Entry entry)
    {
        var entries = new List<LocalSidecar.Entry>(2);
        if (current is not null)
        {
            foreach (var existing in ReadSidecar(key))
            {
                if (existing.Identity == current.Value)
                {
                    entries.Add(existing);
                    break;
                }
            }
        }

        entries.Add(entry);
        var sidecarPath = MetaPath(key);
        var tempPath = NewTempPath(".meta");
        try
        {
            WriteDurably(tempPath, LocalSidecar.Serialize(entries));
            EnsureDirectory(Path.GetDirectoryName(sidecarPath)!);
            File.Move(tempPath, sidecarPath, overwrite: true);
            LocalDirectoryNative.FsyncDirectory(Path.GetDirectoryName(sidecarPath)!);
        }
        finally
        {
            DeleteQuietly(tempPath);
        }
    }

    private static FileIdentity WriteDurably(string path, ReadOnlySpan<byte> content)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, content.Length);
        RandomAccess.Write(handle, content, 0);
        RandomAccess.FlushToDisk(handle);
        return LocalDirectoryNative.StatHandle(handle, path);
    }

    // Creates the directory when missing and fsyncs every ancestor up to the root, so the new
    // directory entries are durable before a file is published into them.
    private void EnsureDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var parent = Path.GetDirectoryName(directory);
        while (parent is not null && parent.Length >= _root.Length)
        {
            LocalDirectoryNative.FsyncDirectory(parent);
            parent = Path.GetDirectoryName(parent);
        }
    }
}
