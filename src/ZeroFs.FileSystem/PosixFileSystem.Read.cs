using System.Buffers;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>read: holes and short chunks read as zeros.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>. Needs read
    /// permission (the owner is always allowed, as for writes). Access times are not updated (noatime).
    /// </summary>
    public async ValueTask<FsResult<ReadResult>> ReadAsync(Credentials caller, ulong id, long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            return FsStatus.InvalidArgument;
        }

        if (_pending.ContainsKey(id))
        {
            using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
            await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null)
        {
            return MissingInodeStatus(id);
        }

        if (inode.Type != FileType.Regular)
        {
            return inode.IsDirectory ? FsStatus.IsDirectory : FsStatus.InvalidArgument;
        }

        if (caller.Uid != inode.Uid && !PermissionChecker.Allows(inode, caller, AccessMask.Read))
        {
            return FsStatus.AccessDenied;
        }

        if (offset >= inode.Size)
        {
            return new ReadResult(0, true);
        }

        var count = (int)Math.Min(buffer.Length, inode.Size - offset);
        var chunk = new ArrayBufferWriter<byte>(ChunkMath.ChunkSize);
        var done = 0;
        while (done < count)
        {
            var position = offset + done;
            var within = (int)(position & (ChunkMath.ChunkSize - 1));
            var n = Math.Min(ChunkMath.ChunkSize - within, count - done);
            chunk.ResetWrittenCount();
            var found = await _store.GetAsync(KeyCodec.Chunk(id, (ulong)(position >> ChunkMath.ChunkShift)), chunk, cancellationToken).ConfigureAwait(false);
            var target = buffer.Span.Slice(done, n);
            var data = found.Status == LookupStatus.Found ? chunk.WrittenSpan : default;
            var available = Math.Clamp(data.Length - within, 0, n);
            if (available > 0)
            {
                data.Slice(within, available).CopyTo(target);
            }

            target[available..].Clear();
            done += n;
        }

        FileSystemMetrics.BytesRead.Add(count);
        return new ReadResult(count, offset + count >= inode.Size);
    }
}
