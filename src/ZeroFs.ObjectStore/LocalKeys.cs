namespace ZeroFs.ObjectStore;

/// <summary>
/// Which keys the local-directory store accepts: each must map to exactly one file under the root
/// and never into the store's own <c>.tmp</c>, <c>.meta</c> and <c>.locks</c> directories.
/// </summary>
internal static class LocalKeys
{
    public static readonly string[] ReservedDirectories = [".tmp", ".meta", ".locks"];

    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var reason = Check(key, isPrefix: false);
        if (reason is not null)
        {
            throw new ArgumentException($"Invalid object key '{key}': {reason}.", nameof(key));
        }
    }

    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var reason = prefix.Length == 0 ? null : Check(prefix, isPrefix: true);
        if (reason is not null)
        {
            throw new ArgumentException($"Invalid list prefix '{prefix}': {reason}.", nameof(prefix));
        }
    }

    public static bool IsReserved(string firstSegment)
    {
        foreach (var name in ReservedDirectories)
        {
            if (string.Equals(firstSegment, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Check(string key, bool isPrefix)
    {
        if (key.Length == 0)
        {
            return "it is empty";
        }

        if (key[0] == '/')
        {
            return "it starts with '/'";
        }

        if (key.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains '\\'";
        }

        if (key.Contains('\0', StringComparison.Ordinal))
        {
            return "it contains a NUL character";
        }

        if (!isPrefix && key[^1] == '/')
        {
            return "it ends with '/'";
        }

        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var isLast = i == segments.Length - 1;
            if (segment.Length == 0 && !(isPrefix && isLast))
            {
                return "it has an empty path segment";
            }

            // A prefix's last segment is a partial name ("sst/01J"), so only whole segments count.
            if ((segment is "." or "..") && !(isPrefix && isLast && segment == "."))
            {
                return $"it has a '{segment}' path segment";
            }
        }

        if (IsReserved(segments[0]) && (segments.Length > 1 || !isPrefix))
        {
            return $"'{segments[0]}/' is reserved for the store's own files";
        }

        return null;
    }
}
