using System.Runtime.CompilerServices;

namespace ZeroFs.ObjectStore;

/// <summary>LIST: a directory walk below the prefix's directory, sorted ordinally.</summary>
public sealed partial class LocalDirectoryObjectStore
{
    private static readonly EnumerationOptions WalkOptions = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LocalKeys.ValidatePrefix(prefix);
        var directoryPart = prefix[..(prefix.LastIndexOf('/') + 1)];
        var keys = new List<string>();
        try
        {
            Collect(Path.Combine(_root, directoryPart), directoryPart, prefix, keys);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure("LIST", prefix, e);
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0)
            {
                continue;
            }

            ObjectMeta? meta;
            try
            {
                meta = Describe(key, includeMetadata: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failure("LIST", key, e);
            }

            if (meta is not null)
            {
                yield return meta;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static void Collect(string directory, string relative, string prefix, List<string> keys)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", WalkOptions))
        {
            if (relative.Length == 0 && LocalKeys.IsReserved(entry.Name))
            {
                continue;
            }

            var candidate = relative + entry.Name;
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                var child = candidate + "/";
                if (child.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(child, StringComparison.Ordinal))
                {
                    Collect(entry.FullName, child, prefix, keys);
                }
            }
            else if (entry is FileInfo && candidate.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add(candidate);
            }
        }
    }
}
