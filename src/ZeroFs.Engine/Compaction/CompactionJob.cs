using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// One compaction (ENGINE.md §9): a consecutive slice of [L0 newest…oldest, runs newest…oldest]
/// merged into one run.
/// </summary>
/// <param name="L0Sources">L0 tables taken, newest first (a suffix of the L0 list), possibly empty.</param>
/// <param name="RunSources">Runs taken, newest first (consecutive), possibly empty.</param>
/// <param name="OutputRunId">The id of the output run: max + 1 for an L0 job, the lowest source id otherwise.</param>
/// <param name="DropTombstones">True when the output is the oldest run, so nothing older can hide behind a tombstone.</param>
/// <param name="RetainSeqFloor">Versions with seq ≥ this survive (the manifest's <c>retainSeqFloor</c> at pick time).</param>
internal sealed record CompactionJob(
    ImmutableArray<TableRef> L0Sources,
    ImmutableArray<SortedRun> RunSources,
    uint OutputRunId,
    bool DropTombstones,
    ulong RetainSeqFloor)
{
    /// <summary>Every source table, newest source first (L0 newest→oldest, then the runs' tables).</summary>
    internal IEnumerable<TableRef> Tables => L0Sources.Concat(RunSources.SelectMany(r => r.Tables));

    /// <summary>Total bytes of the sources.</summary>
    internal ulong SourceBytes => Tables.Aggregate(0UL, (sum, t) => sum + t.Size);

    /// <summary>The newest L0 source: the compactor's marker after commit, or null for a runs-only job.</summary>
    internal Ulid? NewestL0 => L0Sources.IsEmpty ? null : L0Sources[0].Id;
}
