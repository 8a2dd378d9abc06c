using System.Buffers;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Permissions;

namespace ZeroFs.FileSystem;

/// <summary>write and the coalescing of sequential writes.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/>. Needs write permission (the owner is
    /// always allowed: an open descriptor outlives a chmod, and NFS has no open). Grows the file, sets
    /// mtime and ctime, and clears S_ISUID/S_ISGID when the writer is not root. Acknowledged writes are
    /// visible at once and durable after <see cref="FsyncAsync"/>.
    /// </summary>
    public async ValueTask<FsResult<InodeAttributes>> WriteAsync(Credentials caller, ulong id, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            return FsStatus.ReadOnlyFileSystem;
        }

        if (offset < 0)
        {
            return FsStatus.InvalidArgument;
        }

        if (offset > _options.MaxFileSize - data.Length)
        {
            return FsStatus.FileTooLarge;
        }

        using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        _pending.TryGetValue(id, out var pending);
        var inode = pending?.Inode ?? await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
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

        var end = offset + data.Length;
        var growth = Math.Max(0, end - inode.Size);
        if (growth > 0 && _accounting.UsedBytes > _options.MaxSizeBytes - growth)
        {
            return FsStatus.NoSpace;
        }

        if (data.IsEmpty)
        {
            return inode.ToAttributes();
        }

        FileSystemMetrics.BytesWritten.Add(data.Length);
        var cap = _options.WriteCoalesceBytes;
        if (pending is not null && offset == pending.End && pending.Length + data.Length <= cap && ReservePendingBytes(data.Length))
        {
            if (pending.Length + data.Length > pending.Buffer.Length)
            {
                var grown = ArrayPool<byte>.Shared.Rent(Math.Min(cap, Math.Max(pending.Buffer.Length * 2, pending.Length + data.Length)));
                pending.Buffer.AsSpan(0, pending.Length).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(pending.Buffer);
                pending.Buffer = grown;
            }

            data.Span.CopyTo(pending.Buffer.AsSpan(pending.Length));
            pending.Length += data.Length;
            ApplyWrite(caller, inode, end);
            pending.Reserved += growth;
            _accounting.Reserve(growth);
            pending.Publish();
            return pending.Attributes;
        }

        if (pending is not null)
        {
            await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var persistedSize = inode.Size;
        ApplyWrite(caller, inode, end);
        if (data.Length < cap && ReservePendingBytes(data.Length))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(cap, Math.Max(64 * 1024, data.Length)));
            data.Span.CopyTo(buffer);
            var started = new PendingWrite(inode, persistedSize, offset, buffer) { Length = data.Length, Reserved = growth };
            _accounting.Reserve(growth);
            _pending[id] = started;
            return started.Attributes;
        }

        var batch = new WriteBatch();
        await AddDataAsync(batch, id, offset, data, cancellationToken).ConfigureAwait(false);
        PutInode(batch, inode);
        await CommitAsync(batch, id, growth, 0, cancellationToken).ConfigureAwait(false);
        return inode.ToAttributes();
    }

    /// <summary>Claims room in the process-wide coalescing budget; false sends the write straight to the engine.</summary>
    private bool ReservePendingBytes(int bytes)
    {
        if (Interlocked.Add(ref _pendingBytes, bytes) <= _options.WriteCoalesceTotalBytes)
        {
            return true;
        }

        Interlocked.Add(ref _pendingBytes, -bytes);
        return false;
    }

    private void ApplyWrite(in Credentials caller, InodeRecord inode, long end)
    {
        inode.Size = Math.Max(inode.Size, end);
        inode.Mtime = inode.Ctime = NowNanoseconds();
        if (!caller.IsRoot)
        {
            inode.Mode = PermissionChecker.KillSuid(inode.Mode);
        }
    }

    /// <summary>Pushes the coalesced writes of <paramref name="id"/> into the engine; the caller holds the inode's lock.</summary>
    private async ValueTask FlushPendingLockedAsync(ulong id, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(id, out var pending))
        {
            return;
        }

        try
        {
            var batch = new WriteBatch();
            await AddDataAsync(batch, id, pending.Start, pending.Buffer.AsMemory(0, pending.Length), cancellationToken).ConfigureAwait(false);
            PutInode(batch, pending.Inode);
            await CommitAsync(batch, id, pending.Inode.Size - pending.PersistedSize, 0, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
            _accounting.Reserve(-pending.Reserved);
            Interlocked.Add(ref _pendingBytes, -pending.Length);
            ArrayPool<byte>.Shared.Return(pending.Buffer);
        }
    }

    /// <summary>Pushes every file's coalesced writes into the engine (the background tick and whole-filesystem sync).</summary>
    public async Task FlushPendingWritesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var id in _pending.Keys)
        {
            using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
            await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the chunk puts for <paramref name="data"/> at <paramref name="offset"/>: whole chunks blind, partial ones read-modify-write.</summary>
    private async ValueTask AddDataAsync(WriteBatch batch, ulong id, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var position = offset;
        var remaining = data;
        ArrayBufferWriter<byte>? existing = null;
        while (!remaining.IsEmpty)
        {
            var index = (ulong)(position >> ChunkMath.ChunkShift);
            var within = (int)(position & (ChunkMath.ChunkSize - 1));
            var count = Math.Min(ChunkMath.ChunkSize - within, remaining.Length);
            var key = KeyCodec.Chunk(id, index);
            if (within == 0 && count == ChunkMath.ChunkSize)
            {
                batch.Put(key, remaining.Span[..count]);
            }
            else
            {
                existing ??= new ArrayBufferWriter<byte>(ChunkMath.ChunkSize);
                existing.ResetWrittenCount();
                var found = await _store.GetAsync(key, existing, cancellationToken).ConfigureAwait(false);
                var old = found.Status == LookupStatus.Found ? existing.WrittenSpan : default;
                var merged = new byte[Math.Max(old.Length, within + count)];
                old.CopyTo(merged);
                remaining.Span[..count].CopyTo(merged.AsSpan(within));
                batch.Put(key, merged);
            }

            position += count;
            remaining = remaining[count..];
        }
    }
}
