using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// One resident block of a <see cref="BlockCache"/>. The cache owns one reference of
/// <see cref="Block"/> while the entry is resident; <see cref="Frequency"/> is bumped without a
/// lock on hits (a benign race: it is a 0–3 hint, not a count).
/// </summary>
internal sealed class BlockCacheEntry
{
    /// <summary>Creates a resident entry.</summary>
    internal BlockCacheEntry(BlockCacheKey key, DecodedBlock block, long weight)
    {
        Key = key;
        Block = block;
        Weight = weight;
    }

    /// <summary>The block's identity.</summary>
    internal BlockCacheKey Key { get; }

    /// <summary>The decoded block (one reference belongs to the cache).</summary>
    internal DecodedBlock Block { get; }

    /// <summary>Bytes charged against the budget (pooled buffer capacity plus bookkeeping).</summary>
    internal long Weight { get; }

    /// <summary>Accesses since insertion or the last main-queue pass, saturating at 3 (S3-FIFO).</summary>
    internal int Frequency;

    /// <summary>True while the entry lives in the main queue rather than the small one.</summary>
    internal bool InMain;

    /// <summary>Set once the entry left the cache (queues drop such entries lazily).</summary>
    internal bool Removed;
}
