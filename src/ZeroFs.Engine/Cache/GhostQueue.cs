using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// The ghost FIFO of S3-FIFO: keys (no data) recently evicted from the small queue, bounded by
/// the bytes they used to weigh. A miss on a ghost key is re-admitted straight into the main
/// queue, because it has now been seen twice in a short window. Not thread-safe (the shard lock).
/// </summary>
internal sealed class GhostQueue
{
    private readonly Queue<(BlockCacheKey Key, long Weight)> _order = new();
    private readonly Dictionary<BlockCacheKey, int> _live = [];
    private readonly long _capacity;
    private long _bytes;

    /// <summary>Creates a ghost queue remembering about <paramref name="capacity"/> bytes of evicted blocks.</summary>
    internal GhostQueue(long capacity) => _capacity = capacity;

    /// <summary>Remembers an evicted key.</summary>
    internal void Add(BlockCacheKey key, long weight)
    {
        _order.Enqueue((key, weight));
        _live[key] = _live.GetValueOrDefault(key) + 1;
        _bytes += weight;
        while (_bytes > _capacity && _order.TryDequeue(out var old))
        {
            _bytes -= old.Weight;
            Forget(old.Key);
        }
    }

    /// <summary>True (and forgotten) when <paramref name="key"/> was evicted recently.</summary>
    internal bool TryRemove(BlockCacheKey key)
    {
        if (!_live.ContainsKey(key))
        {
            return false;
        }

        // The queue slot stays until it reaches the head; the count keeps duplicates honest.
        Forget(key);
        return true;
    }

    /// <summary>Forgets everything.</summary>
    internal void Clear()
    {
        _order.Clear();
        _live.Clear();
        _bytes = 0;
    }

    private void Forget(BlockCacheKey key)
    {
        if (_live.TryGetValue(key, out var count))
        {
            if (count <= 1)
            {
                _live.Remove(key);
            }
            else
            {
                _live[key] = count - 1;
            }
        }
    }
}
