using System.Collections.Concurrent;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// One lock stripe of a <see cref="BlockCache"/>: an S3-FIFO (small FIFO of 10 %, main FIFO with
/// CLOCK-style second chances, ghost FIFO of recently evicted keys) over its share of the byte
/// budget. Lookups never take the lock (they read the shared dictionary); inserts, evictions and
/// removals do.
/// </summary>
internal sealed class BlockCacheShard
{
    private const int MaxFrequency = 3;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<BlockCacheKey, BlockCacheEntry> _entries;
    private readonly Queue<BlockCacheEntry> _small = new();
    private readonly Queue<BlockCacheEntry> _main = new();
    private readonly GhostQueue _ghost;
    private readonly long _capacity;
    private readonly long _smallTarget;
    private long _smallBytes;
    private long _mainBytes;

    /// <summary>Creates a stripe of <paramref name="capacity"/> bytes sharing <paramref name="entries"/>.</summary>
    internal BlockCacheShard(ConcurrentDictionary<BlockCacheKey, BlockCacheEntry> entries, long capacity)
    {
        _entries = entries;
        _capacity = capacity;
        _smallTarget = Math.Max(1, capacity / 10);
        _ghost = new GhostQueue(capacity - _smallTarget);
    }

    /// <summary>Resident bytes of this stripe.</summary>
    internal long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _smallBytes + _mainBytes;
            }
        }
    }

    /// <summary>The stripe's budget.</summary>
    internal long Capacity => _capacity;

    /// <summary>Marks an access on a hit (lock-free, saturating).</summary>
    internal static void Touch(BlockCacheEntry entry)
    {
        if (entry.Frequency < MaxFrequency)
        {
            entry.Frequency++;
        }
    }

    /// <summary>Admits <paramref name="block"/> (taking a reference) unless present or heavier than the stripe.</summary>
    /// <returns>Blocks evicted to make room (for metrics); their weight is added to <paramref name="evictedBytes"/>.</returns>
    internal int Insert(in BlockCacheKey key, DecodedBlock block, long weight, out bool admitted, out long evictedBytes)
    {
        admitted = false;
        evictedBytes = 0;
        if (weight > _capacity)
        {
            return 0;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(key) || !block.TryAddReference())
            {
                return 0;
            }

            var entry = new BlockCacheEntry(key, block, weight);
            _entries[key] = entry;
            if (_ghost.TryRemove(key))
            {
                entry.InMain = true;
                _main.Enqueue(entry);
                _mainBytes += weight;
            }
            else
            {
                _small.Enqueue(entry);
                _smallBytes += weight;
            }

            admitted = true;
            var evicted = 0;
            var before = _smallBytes + _mainBytes;
            while (_smallBytes + _mainBytes > _capacity && EvictOne(entry))
            {
                evicted++;
            }

            evictedBytes = before - (_smallBytes + _mainBytes);
            return evicted;
        }
    }

    /// <summary>Drops every entry matching <paramref name="match"/>; returns the bytes freed.</summary>
    internal long RemoveWhere(Func<BlockCacheKey, bool> match)
    {
        var removed = 0;
        lock (_lock)
        {
            var before = _smallBytes + _mainBytes;
            foreach (var entry in _small.Concat(_main))
            {
                if (!entry.Removed && match(entry.Key))
                {
                    Drop(entry);
                    removed++;
                }
            }

            if (removed > 0)
            {
                Compact(_small);
                Compact(_main);
            }

            return before - (_smallBytes + _mainBytes);
        }
    }

    /// <summary>Drops everything (the cache's references are released).</summary>
    /// <returns>The bytes freed.</returns>
    internal long Clear()
    {
        var freed = RemoveWhere(static _ => true);
        lock (_lock)
        {
            _ghost.Clear();
        }

        return freed;
    }

    // S3-FIFO: evict from the small queue while it is over its 10 % share (one-hit wonders such
    // as scanned blocks leave from here without touching the main queue), else from main.
    // The block being inserted is never its own victim: reaching it in the small queue ends the
    // small pass (it goes back to the tail) and main gives up a block instead.
    private bool EvictOne(BlockCacheEntry newcomer)
    {
        if (_smallBytes > _smallTarget || _mainBytes == 0)
        {
            if (EvictFromSmall(newcomer))
            {
                return true;
            }
        }

        return EvictFromMain() || EvictFromSmall(newcomer);
    }

    private bool EvictFromSmall(BlockCacheEntry newcomer)
    {
        while (_small.TryDequeue(out var entry))
        {
            if (entry.Removed)
            {
                continue;
            }

            if (ReferenceEquals(entry, newcomer))
            {
                _small.Enqueue(entry);
                return false;
            }

            if (entry.Frequency > 0)
            {
                // Re-referenced while on probation: promote with a fresh count.
                entry.Frequency = 0;
                entry.InMain = true;
                _smallBytes -= entry.Weight;
                _mainBytes += entry.Weight;
                _main.Enqueue(entry);
                continue;
            }

            _ghost.Add(entry.Key, entry.Weight);
            Drop(entry);
            return true;
        }

        return false;
    }

    private bool EvictFromMain()
    {
        // Bounded: each pass lowers every frequency by one, and frequencies saturate at 3.
        while (_main.TryDequeue(out var entry))
        {
            if (entry.Removed)
            {
                continue;
            }

            if (entry.Frequency > 0)
            {
                entry.Frequency--;
                _main.Enqueue(entry);
                continue;
            }

            Drop(entry);
            return true;
        }

        return false;
    }

    private void Drop(BlockCacheEntry entry)
    {
        entry.Removed = true;
        _entries.TryRemove(new KeyValuePair<BlockCacheKey, BlockCacheEntry>(entry.Key, entry));
        if (entry.InMain)
        {
            _mainBytes -= entry.Weight;
        }
        else
        {
            _smallBytes -= entry.Weight;
        }

        // Readers still holding a reference keep a valid block; the buffer goes back to the pool
        // when the last of them releases it.
        entry.Block.Release();
    }

    private static void Compact(Queue<BlockCacheEntry> queue)
    {
        // Removed entries are normally skipped at the head; this keeps the queues from holding
        // dropped entries after a bulk removal (a table drop).
        var count = queue.Count;
        for (var i = 0; i < count; i++)
        {
            var entry = queue.Dequeue();
            if (!entry.Removed)
            {
                queue.Enqueue(entry);
            }
        }
    }
}
