using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// The memory block cache of ENGINE.md §10: decrypted, decoded data blocks keyed by (table ULID,
/// offset), charged by pooled-buffer bytes against a fixed budget, evicted by S3-FIFO.
/// </summary>
/// <remarks>
/// <para><b>Policy.</b> S3-FIFO (Yang et al., SOSP '23): new blocks enter a small FIFO (10 % of the
/// budget); a block hit again while there moves to the main FIFO, one that is not leaves and
/// only its key is remembered in a ghost FIFO. Main gives each block up to three second chances
/// (CLOCK-style counter). A long scan therefore churns only the small queue: its blocks are
/// read once and leave without displacing the hot set in main. Hits cost one lock-free dictionary
/// read, a reference increment and a counter bump; there is no list to reorder, unlike LRU.</para>
/// <para><b>Concurrency.</b> One lock-free dictionary for lookups; inserts and evictions take
/// the lock of one of up to 16 stripes (chosen by key hash), each with its share of the budget.</para>
/// <para><b>References.</b> A resident block holds one reference owned by the cache. Eviction
/// releases it; a reader still holding its own reference keeps reading valid bytes, and the
/// buffer returns to the pool when the last reference goes.</para>
/// </remarks>
internal sealed class BlockCache : IBlockCache, IDisposable
{
    /// <summary>Bytes charged per entry on top of the buffer (entry object, dictionary and queue slots).</summary>
    internal const int EntryOverhead = 96;

    private const long MinShardBytes = 4L * 1024 * 1024;
    private const int MaxShards = 16;
    private readonly ConcurrentDictionary<BlockCacheKey, BlockCacheEntry> _entries;
    private readonly BlockCacheShard[] _shards;
    private readonly int _shardMask;
    private long _hits;
    private long _misses;
    private long _evictions;

    /// <summary>Creates a cache of <paramref name="capacityBytes"/> (at least 64 KiB).</summary>
    internal BlockCache(long capacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBytes, 64 * 1024);
        var shards = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, capacityBytes / MinShardBytes)), 1, MaxShards);
        if (shards * MinShardBytes > capacityBytes)
        {
            shards = Math.Max(1, shards / 2);
        }

        CapacityBytes = capacityBytes;
        _entries = new ConcurrentDictionary<BlockCacheKey, BlockCacheEntry>(Environment.ProcessorCount, 1024);
        _shards = new BlockCacheShard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new BlockCacheShard(_entries, capacityBytes / shards);
        }

        _shardMask = shards - 1;
    }

    /// <summary>The budget in bytes.</summary>
    internal long CapacityBytes { get; }

    /// <summary>Bytes resident now (sum of the stripes' charged weights; takes each stripe's lock).</summary>
    internal long Bytes => _shards.Sum(s => s.Bytes);

    /// <summary>Blocks resident now.</summary>
    internal int Count => _entries.Count;

    /// <summary>Hits since creation.</summary>
    internal long Hits => Volatile.Read(ref _hits);

    /// <summary>Misses since creation.</summary>
    internal long Misses => Volatile.Read(ref _misses);

    /// <summary>Evictions since creation.</summary>
    internal long Evictions => Volatile.Read(ref _evictions);

    /// <summary>The weight charged for <paramref name="block"/>.</summary>
    internal static long WeightOf(DecodedBlock block) => block.Capacity + EntryOverhead;

    /// <inheritdoc/>
    public bool TryGet(in BlockCacheKey key, [NotNullWhen(true)] out DecodedBlock? block)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Block.TryAddReference())
        {
            BlockCacheShard.Touch(entry);
            Interlocked.Increment(ref _hits);
            CacheMetrics.BlockHits.Add(1);
            block = entry.Block;
            return true;
        }

        Interlocked.Increment(ref _misses);
        CacheMetrics.BlockMisses.Add(1);
        block = null;
        return false;
    }

    /// <summary>True when the block is resident (no reference taken, no statistics: tests and read-ahead planning).</summary>
    internal bool Contains(in BlockCacheKey key) => _entries.ContainsKey(key);

    /// <inheritdoc/>
    public void Insert(in BlockCacheKey key, DecodedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var weight = WeightOf(block);
        var evicted = ShardOf(key).Insert(key, block, weight, out var admitted, out var evictedBytes);
        if (admitted)
        {
            CacheMetrics.BlockBytes.Add(weight - evictedBytes);
        }

        if (evicted > 0)
        {
            Interlocked.Add(ref _evictions, evicted);
            CacheMetrics.BlockEvictions.Add(evicted);
        }
    }

    /// <summary>Drops every block of <paramref name="tableId"/> (the table was deleted or compacted away).</summary>
    internal void RemoveTable(Ulid tableId)
    {
        foreach (var shard in _shards)
        {
            CacheMetrics.BlockBytes.Add(-shard.RemoveWhere(k => k.TableId == tableId));
        }
    }

    /// <summary>Releases every cached block; readers holding references are unaffected.</summary>
    public void Dispose()
    {
        foreach (var shard in _shards)
        {
            CacheMetrics.BlockBytes.Add(-shard.Clear());
        }
    }

    private BlockCacheShard ShardOf(in BlockCacheKey key) => _shards[((uint)key.GetHashCode() * 0x9E3779B9u >> 16) & (uint)_shardMask];
}
