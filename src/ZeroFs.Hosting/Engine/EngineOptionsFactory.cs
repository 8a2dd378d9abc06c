using ZeroFs.Engine;
using ZeroFs.Engine.Compaction;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting.Engine;

/// <summary>Maps the bound configuration to the engine's options; defaults live in <see cref="EngineOptions"/>.</summary>
internal static class EngineOptionsFactory
{
    /// <summary>The writer's options for <paramref name="options"/>.</summary>
    public static EngineOptions Create(ZeroFsOptions options)
    {
        var defaults = new EngineOptions();
        return defaults with
        {
            WalEnabled = options.Lsm.WalEnabled,
            // The tag names the separate WAL store in the manifest, so a process pointed at a
            // different WAL location refuses to open instead of silently missing acknowledged writes.
            WalStoreTag = options.Wal is { } wal ? wal.Url : null,
            FlushInterval = TimeSpan.FromSeconds(options.Lsm.FlushIntervalSecs),
            MaxUnflushedBytes = options.Lsm.MaxUnflushedBytes,
            Compression = options.FileSystem.Compression,
            // [cache] memory_size_gb: four fifths decoded data blocks, one fifth table metadata
            // (index, filter, properties), which must stay resident for every open table.
            BlockCacheBytes = options.Cache.MemorySizeBytes * 4 / 5,
            MetadataCacheBytes = options.Cache.MemorySizeBytes / 5,
            L0MaxTables = options.Lsm.L0MaxSsts,
            CompactorMode = options.Lsm.Compactor == Configuration.CompactorMode.External
                ? ZeroFs.Engine.Compaction.CompactorMode.External
                : ZeroFs.Engine.Compaction.CompactorMode.Embedded,
            Compactor = CreateCompactor(options),
        };
    }

    /// <summary>The compactor's options (embedded in the writer, or <c>zerofs compactor</c>).</summary>
    public static CompactorOptions CreateCompactor(ZeroFsOptions options) => new()
    {
        MaxConcurrentJobs = options.Lsm.MaxConcurrentCompactions,
        Compression = options.FileSystem.Compression,
    };
}
