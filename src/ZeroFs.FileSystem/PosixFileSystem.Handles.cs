using ZeroFs.Engine;
using ZeroFs.FileSystem.Keys;

namespace ZeroFs.FileSystem;

/// <summary>Open-handle counts (held by front ends) and orphans: files unlinked while open.</summary>
public sealed partial class PosixFileSystem
{
    /// <summary>Counts one open handle (9P fid, FUSE handle) on <paramref name="id"/>: an unlinked file stays readable until the last release.</summary>
    public void OpenHandle(ulong id) => _openHandles.AddOrUpdate(id, 1, static (_, count) => count + 1);

    /// <summary>
    /// Releases one handle: pushes the file's coalesced writes, and when it was the last handle of an
    /// unlinked inode, reclaims the inode and its data.
    /// </summary>
    public async ValueTask<FsStatus> ReleaseAsync(ulong id, CancellationToken cancellationToken = default)
    {
        using var held = await _locks.LockAsync(id, cancellationToken).ConfigureAwait(false);
        if (!IsReadOnly)
        {
            await FlushPendingLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var last = false;
        while (_openHandles.TryGetValue(id, out var count))
        {
            if (count <= 1 ? _openHandles.TryRemove(new KeyValuePair<ulong, int>(id, count)) : _openHandles.TryUpdate(id, count - 1, count))
            {
                last = count <= 1;
                break;
            }
        }

        if (!last || IsReadOnly)
        {
            return FsStatus.Ok;
        }

        var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
        if (inode is null || inode.Nlink > 0)
        {
            return FsStatus.Ok;
        }

        var batch = new WriteBatch();
        batch.Delete(KeyCodec.Orphan(id));
        var (bytes, inodes) = await AddReclaimAsync(batch, inode, cancellationToken).ConfigureAwait(false);
        await CommitAsync(batch, id, bytes, inodes, cancellationToken).ConfigureAwait(false);
        AfterDrop(inode);
        return FsStatus.Ok;
    }

    /// <summary>The number of open handles on <paramref name="id"/>.</summary>
    public int OpenHandleCount(ulong id) => _openHandles.TryGetValue(id, out var count) ? count : 0;

    private async Task ReclaimOrphansAsync(CancellationToken cancellationToken)
    {
        var orphans = new List<ulong>();
        using (var scan = _store.Scan(KeyCodec.KindStart(KeyKind.Orphan), KeyCodec.KindEnd(KeyKind.Orphan)))
        {
            while (await scan.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                orphans.Add(KeyCodec.ReadId(scan.Key));
            }
        }

        foreach (var id in orphans)
        {
            var batch = new WriteBatch();
            batch.Delete(KeyCodec.Orphan(id));
            var inode = await LoadInodeAsync(id, cancellationToken).ConfigureAwait(false);
            (long Bytes, long Inodes) stats = (0, 0);
            if (inode is not null && inode.Nlink == 0)
            {
                stats = await AddReclaimAsync(batch, inode, cancellationToken).ConfigureAwait(false);
            }

            await CommitAsync(batch, id, stats.Bytes, stats.Inodes, cancellationToken).ConfigureAwait(false);
        }

        if (orphans.Count > 0)
        {
            FileSystemLog.OrphansReclaimed(_logger, orphans.Count);
            TombstoneAdded?.Invoke();
        }
    }
}
