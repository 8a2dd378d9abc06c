using System.Diagnostics.Metrics;

namespace ZeroFs.Engine.Cache;

/// <summary>Instruments of the memory caches, on the engine meter (<see cref="EngineMetrics.MeterName"/>).</summary>
internal static class CacheMetrics
{
    /// <summary>Block lookups served from memory.</summary>
    internal static readonly Counter<long> BlockHits = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.block_cache.hits", "{block}", "Block cache hits");

    /// <summary>Block lookups that had to read the store.</summary>
    internal static readonly Counter<long> BlockMisses = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.block_cache.misses", "{block}", "Block cache misses");

    /// <summary>Blocks evicted to stay within budget.</summary>
    internal static readonly Counter<long> BlockEvictions = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.block_cache.evictions", "{block}", "Blocks evicted from the block cache");

    /// <summary>Bytes resident in block caches (pooled buffer capacity).</summary>
    internal static readonly UpDownCounter<long> BlockBytes = EngineMetrics.Meter.CreateUpDownCounter<long>(
        "zerofs.engine.block_cache.bytes", "By", "Bytes held by the block cache");

    /// <summary>Blocks unsealed after a store read (one per GET'd block, read-ahead included).</summary>
    internal static readonly Counter<long> BlockLoads = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.block_cache.loads", "{block}", "Blocks read from the store and unsealed");

    /// <summary>Table readers served from the table cache.</summary>
    internal static readonly Counter<long> TableHits = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.table_cache.hits", "{table}", "Table cache hits");

    /// <summary>Tables opened (one ranged GET of the meta region each).</summary>
    internal static readonly Counter<long> TableMisses = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.table_cache.misses", "{table}", "Table cache misses (tables opened)");

    /// <summary>Table readers dropped from the table cache.</summary>
    internal static readonly Counter<long> TableEvictions = EngineMetrics.Meter.CreateCounter<long>(
        "zerofs.engine.table_cache.evictions", "{table}", "Table readers evicted");

    /// <summary>Metadata bytes (filter + index + properties) held by the table cache.</summary>
    internal static readonly UpDownCounter<long> TableBytes = EngineMetrics.Meter.CreateUpDownCounter<long>(
        "zerofs.engine.table_cache.bytes", "By", "Metadata bytes held by the table cache");
}
