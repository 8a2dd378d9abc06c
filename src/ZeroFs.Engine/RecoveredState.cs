using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>What opening a writer established (ENGINE.md §9 open steps 3–8).</summary>
/// <param name="Epoch">The claimed writer epoch.</param>
/// <param name="FenceId">The WAL id this writer fenced; it writes from FenceId + 1.</param>
/// <param name="Ulids">The table id generator (seeded per epoch).</param>
/// <param name="Manifest">The manifest after the claim.</param>
/// <param name="Memtable">The mutable memtable holding the replayed tail.</param>
/// <param name="Frozen">Replayed memtables already large enough to flush, newest first.</param>
/// <param name="L0">Open L0 tables, newest first.</param>
/// <param name="Runs">Open sorted runs, newest first.</param>
/// <param name="LastSeq">The newest seq (replayed or in L0).</param>
/// <param name="LastTick">The writer clock floor (Unix ms).</param>
internal sealed record RecoveredState(
    ulong Epoch,
    ulong FenceId,
    UlidGenerator Ulids,
    StoredManifest Manifest,
    SkipListMemtable Memtable,
    ImmutableArray<FrozenMemtable> Frozen,
    ImmutableArray<SstReader> L0,
    ImmutableArray<RunReader> Runs,
    ulong LastSeq,
    long LastTick);
