using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem;

/// <summary>setattr: chmod, chown, truncate and utimensat, with their permission and ctime rules.</summary>
public sealed partial class FileSystem
{
    /// <summary>
    /// Changes attributes as chmod/chown/truncate/utimensat do, all in one batch. Rules: only the
    /// owner or root may chmod (EPERM), and a non-member's chmod drops S_ISGID; only root changes the
    /// owner, the owner may change the group to one of its groups; chown of a non-directory clears
    /// S_ISUID (and S_ISGID with group-execute); truncate needs write permission (EISDIR on directories)
    /// and clears S_ISUID/S_ISGID for non-root; explicit times need ownership, UTIME_NOW needs ownership
    /// or write permission. Any change sets ctime.
    /// </summary>
    public async ValueTask<FsResult<InodeAttributes>> SetAttributesAsync(Credentials caller, ulong id, SetAttributes changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        var status = CheckSetAttributes(caller, inode, changes);
        if (status != FsStatus.Ok)
        {
            return status;
        }

        var now = NowNanoseconds();
        var batch = new WriteBatch();
        long growth = 0;
        if (changes.Size is { } size)
        {
            growth = size - inode.Size;
            if (growth > 0 && _accounting.UsedBytes > _options.MaxSizeBytes - growth)
            {
                return FsStatus.NoSpace;
            }

            await AddTruncateAsync(batch, inode, size, cancellationToken).ConfigureAwait(false);
            inode.Size = size;
            inode.Mtime = now;
            if (!caller.IsRoot)
            {
                inode.Mode = PermissionChecker.KillSuid(inode.Mode);
            }
        }

        if (changes.Mode is { } mode)
        {
            mode &= 0xFFF;
            if (!caller.IsRoot && !caller.IsMember(changes.Gid ?? inode.Gid))
            {
                mode &= ~PermissionChecker.SetGid;
            }

            inode.Mode = mode;
        }

        if (changes.Uid is not null || changes.Gid is not null)
        {
            inode.Uid = changes.Uid ?? inode.Uid;
            inode.Gid = changes.Gid ?? inode.Gid;
            if (!inode.IsDirectory && changes.Mode is null)
            {
                inode.Mode = PermissionChecker.KillSuid(inode.Mode);
            }
        }

        inode.Atime = changes.Atime.IsNow ? now : changes.Atime.IsOmit ? inode.Atime : changes.Atime.Nanoseconds;
        inode.Mtime = changes.Mtime.IsNow ? now : changes.Mtime.IsOmit ? inode.Mtime : changes.Mtime.Nanoseconds;
        inode.Ctime = now;
        PutInode(batch, inode);
        await CommitAsync(batch, id, inode.Type == FileType.Regular ? growth : 0, 0, cancellationToken).ConfigureAwait(false);
        return inode.ToAttributes();
    }

    private FsStatus CheckSetAttributes(in Credentials caller, InodeRecord inode, SetAttributes changes)
    {
        var owner = PermissionChecker.IsOwnerOrRoot(inode, caller);
        if (changes.Mode is not null && inode.Type == FileType.Symlink)
        {
            return FsStatus.NotSupported; // Linux has no lchmod: a symlink's mode is always 0777
        }

        if (changes.Mode is not null && !owner)
        {
            return FsStatus.NotPermitted;
        }

        if (changes.Uid is { } uid && uid != inode.Uid && !caller.IsRoot)
        {
            return FsStatus.NotPermitted;
        }

        if (changes.Gid is { } gid && !caller.IsRoot && (!owner || (gid != inode.Gid && !caller.IsMember(gid))))
        {
            return FsStatus.NotPermitted;
        }

        if (changes.Uid is not null && !caller.IsRoot && !owner)
        {
            return FsStatus.NotPermitted;
        }

        if (changes.Size is { } size)
        {
            if (inode.IsDirectory)
            {
                return FsStatus.IsDirectory;
            }

            if (inode.Type != FileType.Regular || size < 0)
            {
                return FsStatus.InvalidArgument;
            }

            if (size > _options.MaxFileSize)
            {
                return FsStatus.FileTooLarge;
            }

            if (!PermissionChecker.Allows(inode, caller, AccessMask.Write))
            {
                return FsStatus.AccessDenied;
            }
        }

        var explicitTime = (!changes.Atime.IsOmit && !changes.Atime.IsNow) || (!changes.Mtime.IsOmit && !changes.Mtime.IsNow);
        if (explicitTime && !owner)
        {
            return FsStatus.NotPermitted;
        }

        var nowTime = changes.Atime.IsNow || changes.Mtime.IsNow;
        if (nowTime && !owner && !PermissionChecker.Allows(inode, caller, AccessMask.Write))
        {
            return FsStatus.AccessDenied;
        }

        return FsStatus.Ok;
    }

    /// <summary>Adds the chunk changes of a size change: shrinking deletes chunks past the end and trims the last one; growing leaves a hole.</summary>
    private async ValueTask AddTruncateAsync(WriteBatch batch, InodeRecord inode, long size, CancellationToken cancellationToken)
    {
        if (size >= inode.Size)
        {
            return;
        }

        var keep = ChunkMath.ChunkCount(size);
        using (var chunks = _store.Scan(KeyCodec.Chunk(inode.Id, keep), KeyCodec.IdEnd(KeyKind.Chunk, inode.Id)))
        {
            while (await chunks.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Delete(chunks.Key);
            }
        }

        var tail = (int)(size & (ChunkMath.ChunkSize - 1));
        if (tail != 0)
        {
            var key = KeyCodec.Chunk(inode.Id, keep - 1);
            var last = await _store.GetValueAsync(key, cancellationToken).ConfigureAwait(false);
            if (last is not null && last.Length > tail)
            {
                batch.Put(key, last.AsSpan(0, tail));
            }
        }
    }
}
