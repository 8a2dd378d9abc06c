using ZeroFs.Crypto;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>
/// Settings of a writer (ENGINE.md §11). Immutable; <see cref="Validate"/> runs when a database is
/// opened. Defaults live only here.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>Write a WAL (default). When false, a durability wait forces a memtable freeze and L0 publish.</summary>
    public bool WalEnabled { get; init; } = true;

    /// <summary>
    /// Names the separate WAL store, recorded in the manifest as <c>separate:&lt;tag&gt;</c>; required
    /// when a separate WAL store is passed, and must be null otherwise. Opening with a tag that differs
    /// from the manifest's is refused.
    /// </summary>
    public string? WalStoreTag { get; init; }

    /// <summary>Longest time buffered WAL bytes wait without a durability waiter (default 100 ms).</summary>
    public TimeSpan WalFlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A WAL segment is cut and written once its buffer reaches this size (default 16 MiB).</summary>
    public int WalMaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The mutable memtable is frozen and flushed to L0 at this size (default 64 MiB).</summary>
    public long L0TableBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Writes wait while memtables not yet published hold this many bytes (default 512 MiB).</summary>
    public long MaxUnflushedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// L0 publishing stalls while this many L0 tables exist (default 12, ENGINE.md §11); writes then
    /// wait on <see cref="MaxUnflushedBytes"/> until compaction catches up. With
    /// <see cref="Compaction.CompactorMode.External"/> a standalone compactor must be running.
    /// </summary>
    public int L0MaxTables { get; init; } = 12;

    /// <summary>Where compaction and GC run (default <see cref="Compaction.CompactorMode.Embedded"/>: in this process).</summary>
    public Compaction.CompactorMode CompactorMode { get; init; } = Compaction.CompactorMode.Embedded;

    /// <summary>Settings of the embedded compactor and its GC (ignored when the compactor is external).</summary>
    public Compaction.CompactorOptions Compactor { get; init; } = new();

    /// <summary>Frozen memtables built and uploaded at once (default 2).</summary>
    public int L0UploadParallelism { get; init; } = 2;

    /// <summary>
    /// A non-empty memtable is published at least this often (default 30 s), bounding how long an
    /// acknowledged write lives only in a separate WAL store.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the writer re-reads the manifest while other processes change it (default 1 s):
    /// to see a standalone compactor's commits and a newer writer. The writer's own publishes and
    /// its embedded compactor's commits need no read. While reads find nothing new the interval
    /// doubles up to <see cref="ManifestPollMaxInterval"/> (decision engine-0005). A fenced writer
    /// that writes learns it at its next WAL or manifest write regardless.
    /// </summary>
    public TimeSpan ManifestPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest interval between manifest reads of a writer that sees no change from other
    /// processes: how late an idle writer notices a newer writer or a standalone compactor's
    /// commit. Null (default) means 60 × <see cref="ManifestPollInterval"/> (60 s). Keep it well
    /// below a standalone compactor's hold lifetime (15 min), which keeps compacted-away tables.
    /// </summary>
    public TimeSpan? ManifestPollMaxInterval { get; init; }

    /// <summary>The manifest poll's longest interval in force.</summary>
    public TimeSpan EffectiveManifestPollMaxInterval => ManifestPollMaxInterval ?? ManifestPollInterval * 60;

    /// <summary>Freeze and publish the memtable on close (default true); false leaves it to WAL replay.</summary>
    public bool PublishOnClose { get; init; } = true;

    /// <summary>Layout of L0 tables.</summary>
    public SstWriterOptions Sst { get; init; } = new();

    /// <summary>
    /// Compression of manifests and of compacted tables. The writer's WAL segments and L0 tables use lz4
    /// instead when this is zstd (decision engine-0006); any other codec applies everywhere.
    /// </summary>
    public CompressionOptions Compression { get; init; } = CompressionOptions.Default;

    /// <summary>
    /// Budget of the memory block cache of decoded data blocks (ENGINE.md §10; default 256 MiB;
    /// 0 disables it). The host derives it from <c>[cache] memory_size_gb</c>.
    /// </summary>
    public long BlockCacheBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Budget for open table readers' filters, indexes and properties (default 64 MiB).</summary>
    public long MetadataCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Bytes a forward scan reads ahead per table, in coalesced ranged GETs (default 1 MiB; 0 disables).</summary>
    public int ReadAheadBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// The one memory budget of the writer (decision engine-0004): memtables, WAL buffers, table
    /// upload segments, compaction read-ahead, block cache and table metadata together. The
    /// memtables get what the other parts' bounds leave (<see cref="EffectiveMaxUnflushedBytes"/>),
    /// and writes also wait while the accounted total (<see cref="Db.MemoryUsage"/>) is at or over
    /// the budget. Null (default) means the sum of the parts' bounds, <see cref="DefaultMemoryBudget"/>.
    /// </summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>The budget in force: <see cref="MemoryBudgetBytes"/>, or <see cref="DefaultMemoryBudget"/>.</summary>
    public long EffectiveMemoryBudget => MemoryBudgetBytes ?? DefaultMemoryBudget;

    /// <summary>
    /// The bound of the writer's working buffers: the WAL's (the open segment, three cut ones
    /// waiting, the sealed copy), three upload segments per table writer (L0 uploads and
    /// embedded compaction jobs) and one 4 MiB read-ahead window per source of each compaction job.
    /// </summary>
    public long WorkingMemoryBytes
    {
        get
        {
            var jobs = CompactorMode == Compaction.CompactorMode.Embedded ? Compactor.MaxConcurrentJobs : 0;
            var writers = L0UploadParallelism + jobs;
            var compactionReads = (long)jobs * (Compactor.MaxSources + 1) * Compaction.CompactionExecutor.ReadAheadBytes;
            return ((Wal.WalWriter.MaxCutSegments + 2L) * WalMaxBytes) + (3L * writers * Sst.PartBytes) + compactionReads;
        }
    }

    /// <summary>
    /// The sum of every part's own bound: <see cref="MaxUnflushedBytes"/> (memtables) +
    /// <see cref="WorkingMemoryBytes"/> + the block and metadata caches.
    /// </summary>
    public long DefaultMemoryBudget => MaxUnflushedBytes + WorkingMemoryBytes + BlockCacheBytes + MetadataCacheBytes;

    /// <summary>
    /// The memtables' bound in force: <see cref="MaxUnflushedBytes"/>, or less when
    /// <see cref="MemoryBudgetBytes"/> leaves less after the caches and <see cref="WorkingMemoryBytes"/>.
    /// </summary>
    public long EffectiveMaxUnflushedBytes =>
        Math.Min(MaxUnflushedBytes, EffectiveMemoryBudget - BlockCacheBytes - MetadataCacheBytes - WorkingMemoryBytes);

    /// <summary>Seed of the engine's random source (ULIDs, skiplist heights); null = unseeded.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range or inconsistent.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WalFlushInterval, TimeSpan.Zero, nameof(WalFlushInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(WalMaxBytes, 1024, nameof(WalMaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(L0TableBytes, 1024, nameof(L0TableBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(L0MaxTables, 1, nameof(L0MaxTables));
        ArgumentOutOfRangeException.ThrowIfLessThan(L0UploadParallelism, 1, nameof(L0UploadParallelism));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(L0UploadParallelism, 16, nameof(L0UploadParallelism));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlushInterval, TimeSpan.Zero, nameof(FlushInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ManifestPollInterval, TimeSpan.Zero, nameof(ManifestPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(EffectiveManifestPollMaxInterval, ManifestPollInterval, nameof(ManifestPollMaxInterval));
        if (BlockCacheBytes != 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(BlockCacheBytes, 64L * 1024, nameof(BlockCacheBytes));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MetadataCacheBytes, nameof(MetadataCacheBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(ReadAheadBytes, nameof(ReadAheadBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReadAheadBytes, 64 * 1024 * 1024, nameof(ReadAheadBytes));
        ArgumentNullException.ThrowIfNull(Sst, nameof(Sst));
        ArgumentNullException.ThrowIfNull(Compression, nameof(Compression));
        ArgumentNullException.ThrowIfNull(Compactor, nameof(Compactor));
        Compactor.Validate();
        Sst.Validate();
        Compression.Validate();
        if (MaxUnflushedBytes <= L0TableBytes * (1L + L0UploadParallelism))
        {
            throw new ArgumentException(
                $"{nameof(MaxUnflushedBytes)} ({MaxUnflushedBytes}) must exceed {nameof(L0TableBytes)} × (1 + {nameof(L0UploadParallelism)}) " +
                $"({L0TableBytes * (1L + L0UploadParallelism)}).",
                nameof(MaxUnflushedBytes));
        }

        if (EffectiveMaxUnflushedBytes <= L0TableBytes * (1L + L0UploadParallelism))
        {
            throw new ArgumentException(
                $"{nameof(MemoryBudgetBytes)} ({EffectiveMemoryBudget}) leaves {EffectiveMaxUnflushedBytes} bytes for memtables after the caches " +
                $"({BlockCacheBytes + MetadataCacheBytes}) and the working buffers ({WorkingMemoryBytes}); they need more than " +
                $"{nameof(L0TableBytes)} × (1 + {nameof(L0UploadParallelism)}) ({L0TableBytes * (1L + L0UploadParallelism)}).",
                nameof(MemoryBudgetBytes));
        }

        if (WalStoreTag is not null && (WalStoreTag.Length == 0 || WalStoreTag.Length > 200 || WalStoreTag.Any(char.IsControl)))
        {
            throw new ArgumentException("WalStoreTag must be 1..200 printable characters.", nameof(WalStoreTag));
        }
    }
}
