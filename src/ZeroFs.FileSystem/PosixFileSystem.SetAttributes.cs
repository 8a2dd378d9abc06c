using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem;

/// <summary>setattr: chmod, chown, truncate and utimensat, with their permission and ctime rules.</summary>
public sealed partial class PosixFileSystem
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

        if (changes is { Mode: null, Uid: null, Gid: null, Size: null } && changes.Atime.IsOmit && changes.Mtime.IsOmit)
        {
            return inode.ToAttributes(); // utimensat with both UTIME_OMIT changes nothing, not even ctime
        }

        var now = NowNanoseconds();
        var batch = new WriteBatch();
        long growth = 0;
        ulong? stagedFrom = null;
        if (changes.Size is { } size)
        {
            growth = size - inode.Size;
            if (growth > 0 && _accounting.UsedBytes > _options.MaxSizeBytes - growth)
            {
                return FsStatus.NoSpace;
            }

            stagedFrom = await AddTruncateAsync(batch, inode, size, cancellationToken).ConfigureAwait(false);
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
        if (stagedFrom is { } from)
        {
            await FinishTruncationAsync(id, from, CancellationToken.None).ConfigureAwait(false);
        }

        return inode.ToAttributes();
    }

    // A kernel client turns "write or truncate by someone else kills suid/sgid" (ATTR_KILL_SUID) into
    // a mode change sent with the truncate (v9fs, NFS): any caller may drop those two bits, nothing more.
    private static bool OnlyClearsSetIdBits(uint current, uint requested)
    {
        const uint SetIdBits = PermissionChecker.SetUid | PermissionChecker.SetGid;
        var before = current & 0xFFF;
        var after = requested & 0xFFF;
        return (after & ~before) == 0 && ((before ^ after) & ~SetIdBits) == 0;
    }

    private FsStatus CheckSetAttributes(in Credentials caller, InodeRecord inode, SetAttributes changes)
    {
        var owner = PermissionChecker.IsOwnerOrRoot(inode, caller);
        if (changes.Mode is not null && inode.Type == FileType.Symlink)
        {
            return FsStatus.NotSupported; // Linux has no lchmod: a symlink's mode is always 0777
        }

        if (changes.Mode is { } requested && !owner && !OnlyClearsSetIdBits(inode.Mode, requested))
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

    /// <summary>
    /// Adds the chunk changes of a size change: shrinking deletes chunks past the end and trims the
    /// last one; growing leaves a hole. When more chunks go than one reaper batch, the batch records a
    /// Truncation (inode → first chunk to delete) instead and the caller deletes them in bounded
    /// batches under the inode's lock; a crash in between is finished at the next open. Returns that
    /// first chunk, or null when everything is in <paramref name="batch"/>.
    /// </summary>
    private async ValueTask<ulong?> AddTruncateAsync(WriteBatch batch, InodeRecord inode, long size, CancellationToken cancellationToken)
    {
        if (size >= inode.Size)
        {
            return null;
        }

        var keep = ChunkMath.ChunkCount(size);
        ulong? staged = null;
        if (ChunkMath.ChunkCount(inode.Size) - keep > (ulong)_options.ReaperBatchChunks)
        {
            var from = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(from, keep);
            batch.Put(KeyCodec.Truncation(inode.Id), from);
            staged = keep;
        }
        else
        {
            using var chunks = _store.Scan(KeyCodec.Chunk(inode.Id, keep), KeyCodec.IdEnd(KeyKind.Chunk, inode.Id));
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

        return staged;
    }

    /// <summary>Deletes the chunks of <paramref name="id"/> from <paramref name="from"/> on in bounded batches, then its Truncation record.</summary>
    private async Task FinishTruncationAsync(ulong id, ulong from, CancellationToken cancellationToken)
    {
        var limit = _options.ReaperBatchChunks;
        while (true)
        {
            var batch = new WriteBatch();
            using (var chunks = _store.Scan(KeyCodec.Chunk(id, from), KeyCodec.IdEnd(KeyKind.Chunk, id)))
            {
                while (batch.Count < limit && await chunks.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    batch.Delete(chunks.Key);
                }
            }

            if (batch.Count < limit)
            {
                batch.Delete(KeyCodec.Truncation(id));
                await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }

            await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finishes truncations a crash interrupted (startup, before serving).</summary>
    private async Task FinishInterruptedTruncationsAsync(CancellationToken cancellationToken)
    {
        var pending = new List<(ulong Id, ulong From)>();
        using (var scan = _store.Scan(KeyCodec.KindStart(KeyKind.Truncation), KeyCodec.KindEnd(KeyKind.Truncation)))
        {
            while (await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add((KeyCodec.ReadId(scan.Key), System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(scan.Value.Span)));
            }
        }

        foreach (var (id, from) in pending)
        {
            await FinishTruncationAsync(id, from, cancellationToken).ConfigureAwait(false);
        }
    }
}
