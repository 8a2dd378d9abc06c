namespace ZeroFs.Hosting.Configuration;

/// <summary>The optional <c>[lsm]</c> table: storage-engine knobs.</summary>
public sealed record LsmOptions
{
    /// <summary>Smallest accepted <see cref="FlushIntervalSecs"/>.</summary>
    public const int MinFlushIntervalSecs = 5;

    /// <summary>
    /// Seconds between periodic flushes that publish the memtable to the bucket
    /// (<c>lsm.flush_interval_secs</c>, default 30, at least 5). Also bounds how long writes
    /// acknowledged to a separate local WAL store exist only on this machine.
    /// </summary>
    public int FlushIntervalSecs { get; init; } = 30;

    /// <summary>Whether writes go through the write-ahead log (<c>lsm.wal_enabled</c>, default true).</summary>
    public bool WalEnabled { get; init; } = true;

    /// <summary>Where compaction runs (<c>lsm.compactor</c>, default embedded).</summary>
    public CompactorMode Compactor { get; init; } = CompactorMode.Embedded;

    /// <summary>L0 tables allowed before writes stall (<c>lsm.l0_max_ssts</c>, default 12, at least 4).</summary>
    public int L0MaxSsts { get; init; } = 12;

    /// <summary>Concurrent compactions of the embedded compactor (<c>lsm.max_concurrent_compactions</c>, default 2, at least 1).</summary>
    public int MaxConcurrentCompactions { get; init; } = 2;

    /// <summary>Memtable bytes not yet flushed before writes stall (<c>lsm.max_unflushed_gb</c>, default 0.5 GB, at least 0.1 GB).</summary>
    public long MaxUnflushedBytes { get; init; } = 500_000_000;
}
