using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem;

/// <summary>Hole punching (fallocate PUNCH_HOLE|KEEP_SIZE, NBD TRIM and WRITE_ZEROES).</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Makes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) read as
    /// zeros without changing the size: whole chunks in the range are deleted, partial ones zeroed.
    /// The range is clipped to the file size. Sets mtime and ctime. Needs write permission (the owner
    /// always has it, as for writes).
    /// </summary>
    public async ValueTask<FsStatus> DeallocateAsync(Credentials caller, ulong id, long offset, long length, CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        if (offset < 0 || length < 0)
        {
            return FsStatus.InvalidArgument;
        }

        using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        if (inode.Type != FileType.Regular)
        {
            return inode.IsDirectory ? FsStatus.IsDirectory : FsStatus.InvalidArgument;
        }

        if (caller.Uid != inode.Uid && !PermissionChecker.Allows(inode, caller, AccessMask.Write))
        {
            return FsStatus.AccessDenied;
        }

        var end = Math.Min(inode.Size, offset > long.MaxValue - length ? long.MaxValue : offset + length);
        if (end <= offset)
        {
            return FsStatus.Ok;
        }

        var batch = new WriteBatch();
        var firstWhole = (ulong)((offset + ChunkMath.ChunkSize - 1) >> ChunkMath.ChunkShift);
        var endWhole = (ulong)(end >> ChunkMath.ChunkShift);
        if (end == inode.Size)
        {
            endWhole = ChunkMath.ChunkCount(end);
        }

        if (firstWhole < endWhole)
        {
            using var chunks = _store.Scan(KeyCodec.Chunk(id, firstWhole), KeyCodec.Chunk(id, endWhole));
            while (await chunks.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Delete(chunks.Key);
            }
        }

        var headEnd = Math.Min(end, (long)firstWhole << ChunkMath.ChunkShift);
        if (offset < headEnd)
        {
            await ZeroRangeAsync(batch, id, offset, (int)(headEnd - offset), cancellationToken).ConfigureAwait(false);
        }

        var tailStart = Math.Max(offset, (long)endWhole << ChunkMath.ChunkShift);
        if (tailStart < end && firstWhole <= endWhole)
        {
            await ZeroRangeAsync(batch, id, tailStart, (int)(end - tailStart), cancellationToken).ConfigureAwait(false);
        }

        inode.Mtime = inode.Ctime = NowNanoseconds();
        PutInode(batch, inode);
        await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        return FsStatus.Ok;
    }

    /// <summary>Zeroes a range inside one chunk (read-modify-write); an absent chunk is already zeros.</summary>
    private async ValueTask ZeroRangeAsync(WriteBatch batch, ulong id, long offset, int count, CancellationToken cancellationToken)
    {
        var key = KeyCodec.Chunk(id, (ulong)(offset >> ChunkMath.ChunkShift));
        var chunk = await _store.GetValueAsync(key, cancellationToken).ConfigureAwait(false);
        var within = (int)(offset & (ChunkMath.ChunkSize - 1));
        if (chunk is null || chunk.Length <= within)
        {
            return;
        }

        chunk.AsSpan(within, Math.Min(count, chunk.Length - within)).Clear();
        batch.Put(key, chunk);
    }
}
