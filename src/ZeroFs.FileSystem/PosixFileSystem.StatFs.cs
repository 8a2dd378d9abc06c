namespace ZeroFs.FileSystem;

/// <summary>statfs and the durability barrier.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>Space and inode figures from the sharded counters (used bytes are logical file sizes).</summary>
    public FsStatistics GetStatistics() =>
        new(_options.MaxSizeBytes, _accounting.UsedBytes, TotalInodes, _accounting.UsedInodes, 4096, MaxNameLength);

    /// <summary>
    /// Re-reads the counters a read-only follower keeps from its open (stats shards, inode watermark),
    /// so statfs and stale-handle checks follow the writer; call it after the reader refreshes. A
    /// writer's counters are always current and this does nothing.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            await _accounting.LoadAsync(_store, cancellationToken).ConfigureAwait(false);
            await _ids.LoadAsync(_store, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// fsync of one file: pushes its coalesced writes into the engine, then waits until everything
    /// acknowledged so far is durable. Read-only filesystems return at once.
    /// </summary>
    public async ValueTask<FsStatus> FsyncAsync(ulong id, CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            return FsStatus.Ok;
        }

        if (_pending.ContainsKey(id))
        {
            using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
            await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await _store.WaitDurableAsync(_store.LastSeq, cancellationToken).ConfigureAwait(false);
        return FsStatus.Ok;
    }

    /// <summary>The whole-filesystem barrier (sync(2), NFS COMMIT without a file, NBD FLUSH): every file's coalesced writes, then durability.</summary>
    public async ValueTask<FsStatus> SyncAsync(CancellationToken cancellationToken = default)
    {
        if (IsReadOnly)
        {
            return FsStatus.Ok;
        }

        await FlushPendingWritesAsync(cancellationToken).ConfigureAwait(false);
        await _store.WaitDurableAsync(_store.LastSeq, cancellationToken).ConfigureAwait(false);
        return FsStatus.Ok;
    }
}
