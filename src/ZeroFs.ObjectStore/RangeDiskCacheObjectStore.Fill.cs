using System.Buffers;

namespace ZeroFs.ObjectStore;

/// <summary>Fetching missing parts: single-flight per part, one ranged GET per run of contiguous parts.</summary>
public sealed partial class RangeDiskCacheObjectStore
{
    /// <summary>
    /// Fills <paramref name="parts"/> at the <paramref name="missing"/> indices (relative to
    /// <paramref name="first"/>) and writes complete parts to disk.
    /// </summary>
    /// <returns>The object's metadata, or null when the object does not exist.</returns>
    private async Task<ObjectMeta?> FillAsync(string key, List<long> missing, PartSlice[] parts, long first, CancellationToken cancellationToken)
    {
        var claimed = new List<(long Part, TaskCompletionSource Done)>();
        List<(long Part, Task Done)>? joined = null;
        lock (_flightLock)
        {
            foreach (var p in missing)
            {
                var path = _parts.PathOf(key, p);
                if (_flights.TryGetValue(path, out var running))
                {
                    (joined ??= []).Add((p, running));
                }
                else
                {
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _flights[path] = done.Task;
                    claimed.Add((p, done));
                }
            }
        }

        ObjectMeta? meta = null;
        try
        {
            var i = 0;
            while (i < claimed.Count)
            {
                var j = i;
                while (j + 1 < claimed.Count && claimed[j + 1].Part == claimed[j].Part + 1)
                {
                    j++;
                }

                meta = await FetchRunAsync(key, claimed[i].Part, claimed[j].Part, parts, first, cancellationToken).ConfigureAwait(false);
                if (meta is null)
                {
                    return null;
                }

                i = j + 1;
            }
        }
        finally
        {
            lock (_flightLock)
            {
                foreach (var (p, _) in claimed)
                {
                    _flights.Remove(_parts.PathOf(key, p));
                }
            }

            foreach (var (_, done) in claimed)
            {
                done.TrySetResult();
            }
        }

        if (joined is not null)
        {
            // Another reader fetched these; take them from disk, or fetch alone if it could not cache them.
            await Task.WhenAll(joined.Select(j => j.Done)).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (p, _) in joined)
            {
                if (_parts.TryRead(_parts.PathOf(key, p), key, out var file, out var fileMeta, out var offset, out var length))
                {
                    parts[p - first] = new PartSlice(file, offset, length);
                    meta ??= fileMeta;
                    ObjectStoreMetrics.DiskCacheHits.Add(1);
                }
                else
                {
                    meta = await FetchRunAsync(key, p, p, parts, first, cancellationToken).ConfigureAwait(false);
                    if (meta is null)
                    {
                        return null;
                    }
                }
            }
        }

        return meta ?? _metas.GetValueOrDefault(key);
    }

    // One ranged GET of parts [from, to]; each part is copied out and (when complete) written to disk.
    private async Task<ObjectMeta?> FetchRunAsync(string key, long from, long to, PartSlice[] parts, long first, CancellationToken cancellationToken)
    {
        var offset = from * _partSize;
        using var result = await _inner.GetAsync(key, ByteRange.FromOffset(offset, (to - from + 1) * _partSize), cancellationToken)
            .ConfigureAwait(false);
        if (result is null)
        {
            return null;
        }

        var meta = result.Meta;
        _metas[key] = meta;
        var data = result.Data.Span;
        for (var p = from; p <= to; p++)
        {
            var at = (int)((p - from) * _partSize);
            var length = (int)Math.Clamp(data.Length - at, 0, _partSize);
            ObjectStoreMetrics.DiskCacheMisses.Add(1);
            if (length == 0)
            {
                continue; // past the end of the object
            }

            var slice = data.Slice(at, length);
            var copy = ArrayPool<byte>.Shared.Rent(length);
            slice.CopyTo(copy);
            parts[p - first].Return();
            parts[p - first] = new PartSlice(copy, 0, length);
            if (length == _partSize || p * _partSize + length == meta.Size)
            {
                _parts.Write(_parts.PathOf(key, p), meta, slice);
            }
        }

        return meta;
    }
}
