using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>readdir: a range scan of the directory's cookie records.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>Cookie of ".".</summary>
    public const ulong DotCookie = 1;

    /// <summary>Cookie of "..".</summary>
    public const ulong DotDotCookie = 2;

    /// <summary>
    /// Lists up to <paramref name="maxEntries"/> entries after <paramref name="cookie"/> (0 = from the
    /// start; "." has cookie 1, ".." cookie 2, real entries 3 and up from a per-directory counter, never
    /// reused). Paging resumes at a key, so it costs the same on page 1 and page 1000, and is stable under
    /// concurrent creates and deletes: an entry present for the whole listing is returned exactly once.
    /// Needs read permission on the directory. With <paramref name="withAttributes"/> every entry also
    /// carries its inode's attributes (NFS READDIRPLUS, 9P readdir-with-attributes).
    /// </summary>
    public async ValueTask<FsResult<DirectoryPage>> ReadDirectoryAsync(
        Credentials caller, ulong dir, ulong cookie, int maxEntries, bool withAttributes = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        var (status, directory) = await LoadDirectoryAsync(dir, cancellationToken).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (!PermissionChecker.Allows(directory!, caller, AccessMask.Read))
        {
            return FsStatus.AccessDenied;
        }

        var entries = new List<DirectoryEntry>(Math.Min(maxEntries, 1024));
        if (cookie < DotCookie)
        {
            entries.Add(new DirectoryEntry([(byte)'.'], dir, FileType.Directory, DotCookie));
        }

        if (cookie < DotDotCookie && entries.Count < maxEntries)
        {
            entries.Add(new DirectoryEntry([(byte)'.', (byte)'.'], directory!.Parent, FileType.Directory, DotDotCookie));
        }

        var start = Math.Max(cookie + 1, DotDotCookie + 1);
        var end = true;
        using (var scan = _store.Scan(KeyCodec.DirScan(dir, start), KeyCodec.IdEnd(KeyKind.DirScan, dir)))
        {
            while (await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (entries.Count >= maxEntries)
                {
                    end = false;
                    break;
                }

                var (child, type, name) = DirEntryValue.DecodeScan(scan.Value.Span);
                entries.Add(new DirectoryEntry(name, child, type, KeyCodec.ReadSecond(scan.Key)));
            }
        }

        if (withAttributes)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var attributes = await GetAttributesAsync(entries[i].Id, cancellationToken).ConfigureAwait(false);
                entries[i] = entries[i] with { Attributes = attributes.IsOk ? attributes.Value : null };
            }
        }

        return new DirectoryPage(entries, end);
    }
}
