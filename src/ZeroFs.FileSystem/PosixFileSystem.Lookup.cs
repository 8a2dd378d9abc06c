using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>Lookup, getattr, access and readlink.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Looks up <paramref name="name"/> in directory <paramref name="dir"/>; needs search permission on
    /// the directory (the per-component check of path resolution). "." and ".." resolve to the directory
    /// and its parent.
    /// </summary>
    public async ValueTask<FsResult<InodeAttributes>> LookupAsync(Credentials caller, ulong dir, ReadOnlyMemory<byte> name, CancellationToken cancellationToken = default)
    {
        var nameStatus = ValidateName(name.Span);
        if (nameStatus != FsStatus.Ok)
        {
            return nameStatus;
        }

        var (status, parent) = await LoadDirectoryAsync(dir, cancellationToken).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        if (!PermissionChecker.Allows(parent!, caller, AccessMask.Execute))
        {
            return FsStatus.AccessDenied;
        }

        ulong child;
        if (IsDot(name.Span))
        {
            child = dir;
        }
        else if (IsDotDot(name.Span))
        {
            child = parent!.Parent;
        }
        else
        {
            var entry = await GetEntryAsync(dir, name, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return FsStatus.NotFound;
            }

            child = entry.Value.Child;
        }

        var found = await GetAttributesAsync(child, cancellationToken).ConfigureAwait(false);
        return found.Status == FsStatus.Stale ? FsStatus.NotFound : found; // removed between the entry read and the inode read
    }

    /// <summary>The attributes of inode <paramref name="id"/> (including writes still coalescing in memory).</summary>
    public async ValueTask<FsResult<InodeAttributes>> GetAttributesAsync(ulong id, CancellationToken cancellationToken = default)
    {
        if (_pending.TryGetValue(id, out var pending))
        {
            return pending.Attributes;
        }

        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        return inode is null ? MissingInodeStatus(id) : inode.ToAttributes();
    }

    /// <summary>Like <see cref="GetAttributesAsync(ulong, CancellationToken)"/>, and Stale unless the inode still has <paramref name="generation"/> (NFS handles).</summary>
    public async ValueTask<FsResult<InodeAttributes>> GetAttributesAsync(ulong id, ulong generation, CancellationToken cancellationToken = default)
    {
        var result = await GetAttributesAsync(id, cancellationToken).ConfigureAwait(false);
        if (result.Status == FsStatus.NotFound)
        {
            return FsStatus.Stale;
        }

        return result.IsOk && result.Value.Generation != generation ? FsStatus.Stale : result;
    }

    /// <summary>Checks <paramref name="mask"/> against the inode's permission bits for <paramref name="caller"/> (access(2)).</summary>
    public async ValueTask<FsStatus> AccessAsync(Credentials caller, ulong id, AccessMask mask, CancellationToken cancellationToken = default)
    {
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        if ((mask & AccessMask.Write) != 0 && IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        return PermissionChecker.Check(inode, caller, mask);
    }

    /// <summary>The target of symlink <paramref name="id"/>; InvalidArgument for other types.</summary>
    public async ValueTask<FsResult<byte[]>> ReadLinkAsync(ulong id, CancellationToken cancellationToken = default)
    {
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        return inode.Type == FileType.Symlink ? inode.Target ?? [] : FsStatus.InvalidArgument;
    }

    /// <summary>Walks parents from <paramref name="start"/> to the root: true when <paramref name="ancestor"/> is on the way.</summary>
    private async ValueTask<bool> IsAncestorAsync(ulong ancestor, ulong start, CancellationToken cancellationToken)
    {
        var current = start;
        for (var depth = 0; depth < 100_000; depth++)
        {
            if (current == ancestor)
            {
                return true;
            }

            if (current == RootId)
            {
                return false;
            }

            InodeRecord? inode = await LoadInodeAsync(current, cancellationToken).ConfigureAwait(false);
            if (inode is null)
            {
                return false;
            }

            current = inode.Parent;
        }

        return false;
    }
}
