namespace ZeroFs.Engine;

/// <summary>
/// What a writer's memory accountant counts at one moment, in bytes (decision engine-0004). Every
/// large buffer of the engine is in one of these; <see cref="Total"/> is held against
/// <see cref="Budget"/> (<see cref="EngineOptions.MemoryBudgetBytes"/>): writes wait while it is over.
/// </summary>
/// <param name="Memtables">
/// Memtables: the larger of the unpublished memtables' size (keys, values, node overhead) and the
/// slabs of the memtable arenas (in use, by memtables or by snapshots and scans still holding
/// published ones, or idle for reuse).
/// </param>
/// <param name="WalBuffers">WAL segments being filled, cut and waiting, or being written.</param>
/// <param name="TableSegments">Segments of table uploads (L0 flushes and compaction outputs), in use or pooled.</param>
/// <param name="CompactionReads">Read-ahead windows of running compaction jobs.</param>
/// <param name="BlockCache">Decoded data blocks in the block cache.</param>
/// <param name="TableMetadata">Filters, indexes and properties of open tables.</param>
/// <param name="Budget">The configured budget.</param>
public readonly record struct EngineMemoryUsage(
    long Memtables,
    long WalBuffers,
    long TableSegments,
    long CompactionReads,
    long BlockCache,
    long TableMetadata,
    long Budget)
{
    /// <summary>The sum of every counted part.</summary>
    public long Total => Memtables + WalBuffers + TableSegments + CompactionReads + BlockCache + TableMetadata;

    /// <summary>True when <see cref="Total"/> has reached <see cref="Budget"/>.</summary>
    public bool IsOverBudget => Total >= Budget;
}
