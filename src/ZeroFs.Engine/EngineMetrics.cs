using System.Diagnostics.Metrics;

namespace ZeroFs.Engine;

/// <summary>The engine's instruments on the <c>ZeroFs.Engine</c> meter (STYLE.md §4.9).</summary>
internal static class EngineMetrics
{
    /// <summary>The meter name.</summary>
    internal const string MeterName = "ZeroFs.Engine";

    /// <summary>The engine's one meter (cache instruments live in <c>Cache/CacheMetrics</c>).</summary>
    internal static readonly Meter Meter = new(MeterName);

    /// <summary>Batches committed to the memtable.</summary>
    internal static readonly Counter<long> Batches = Meter.CreateCounter<long>("zerofs.engine.batches", "{batch}", "Write batches committed");

    /// <summary>WAL segments written.</summary>
    internal static readonly Counter<long> WalSegments = Meter.CreateCounter<long>("zerofs.engine.wal.segments", "{segment}", "WAL segments written");

    /// <summary>WAL bytes written (sealed).</summary>
    internal static readonly Counter<long> WalBytes = Meter.CreateCounter<long>("zerofs.engine.wal.bytes", "By", "Sealed WAL bytes written");

    /// <summary>L0 tables published.</summary>
    internal static readonly Counter<long> L0Published = Meter.CreateCounter<long>("zerofs.engine.l0.published", "{table}", "L0 tables published");

    /// <summary>Time writes waited for backpressure.</summary>
    internal static readonly Histogram<double> BackpressureWait = Meter.CreateHistogram<double>("zerofs.engine.backpressure.wait", "ms", "Time a write waited for unflushed bytes to drain");

    /// <summary>Memtables frozen early because the memory budget was reached.</summary>
    internal static readonly Counter<long> MemoryFreezes = Meter.CreateCounter<long>("zerofs.engine.memory.freezes", "{memtable}", "Memtables frozen early to stay within the memory budget");

    /// <summary>Checkpoints created (any scope).</summary>
    internal static readonly Counter<long> CheckpointsCreated = Meter.CreateCounter<long>("zerofs.engine.checkpoints.created", "{checkpoint}", "Checkpoints created");

    /// <summary>WAL segments replayed by readers.</summary>
    internal static readonly Counter<long> ReaderSegments = Meter.CreateCounter<long>("zerofs.engine.reader.wal.segments", "{segment}", "WAL segments replayed by readers");

    /// <summary>Tree changes a following reader moved to.</summary>
    internal static readonly Counter<long> ReaderSwitches = Meter.CreateCounter<long>("zerofs.engine.reader.switches", "{switch}", "Tree changes a following reader moved to");

    /// <summary>Compaction jobs committed.</summary>
    internal static readonly Counter<long> CompactionJobs = Meter.CreateCounter<long>("zerofs.engine.compaction.jobs", "{job}", "Compaction jobs committed");

    /// <summary>Bytes of source tables merged by committed jobs.</summary>
    internal static readonly Counter<long> CompactionBytesRead = Meter.CreateCounter<long>("zerofs.engine.compaction.bytes_read", "By", "Source table bytes compacted");

    /// <summary>Bytes of output tables uploaded by compaction.</summary>
    internal static readonly Counter<long> CompactionBytesWritten = Meter.CreateCounter<long>("zerofs.engine.compaction.bytes_written", "By", "Output table bytes uploaded");

    /// <summary>Objects deleted by GC, tagged <c>kind</c> = wal | sst | manifest (and checkpoints removed, kind = checkpoint).</summary>
    internal static readonly Counter<long> GcDeleted = Meter.CreateCounter<long>("zerofs.engine.gc.deleted", "{object}", "Objects deleted by GC");

    /// <summary>Bytes deleted by GC, tagged <c>kind</c>.</summary>
    internal static readonly Counter<long> GcDeletedBytes = Meter.CreateCounter<long>("zerofs.engine.gc.deleted_bytes", "By", "Bytes deleted by GC");
}
