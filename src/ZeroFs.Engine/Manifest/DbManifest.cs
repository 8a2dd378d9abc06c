using System.Collections.Immutable;

namespace ZeroFs.Engine.Manifest;

/// <summary>
/// One manifest version's content (ENGINE.md §8; docs/formats/manifest.md). Immutable: an update
/// builds a new value with <c>with</c> and writes it under the next id.
/// </summary>
public sealed record DbManifest
{
    /// <summary>The current format version of the plaintext encoding.</summary>
    public const byte CurrentFormatVersion = 1;

    /// <summary>The WAL store tag of a WAL kept on the main store.</summary>
    public const string MainWalStore = "main";

    /// <summary>Epoch of the current writer; each opening writer increments it.</summary>
    public ulong WriterEpoch { get; init; }

    /// <summary>Epoch of the current compactor.</summary>
    public ulong CompactorEpoch { get; init; }

    /// <summary>When this version was written (millisecond precision when stored).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>Which role wrote this version.</summary>
    public CreatorRole CreatorRole { get; init; } = CreatorRole.Writer;

    /// <summary><c>main</c> or <c>separate:&lt;tag&gt;</c>.</summary>
    public string WalStore { get; init; } = MainWalStore;

    /// <summary>Every WAL segment with id ≤ this is fully contained in L0/runs.</summary>
    public ulong WalReplayAfter { get; init; }

    /// <summary>Next WAL segment id known when this version was written (informational; GC range for checkpoints).</summary>
    public ulong WalNextHint { get; init; }

    /// <summary>Largest seq contained in L0/runs; replay skips batches at or below it.</summary>
    public ulong LastL0Seq { get; init; }

    /// <summary>Timestamp (Unix ms) of the newest batch in L0; the writer's clock never goes below it.</summary>
    public long LastL0Tick { get; init; }

    /// <summary>Smallest seq needed by live in-memory snapshots (compaction keeps versions at or above it).</summary>
    public ulong RetainSeqFloor { get; init; }

    /// <summary>L0 tables, newest first.</summary>
    public ImmutableArray<TableRef> L0 { get; init; } = [];

    /// <summary>Sorted runs, by id descending.</summary>
    public ImmutableArray<SortedRun> Runs { get; init; } = [];

    /// <summary>The compactor's marker: L0 tables at and after (older than or equal to) this one were compacted.</summary>
    public Ulid? LastCompactedL0 { get; init; }

    /// <summary>When the current compactor last claimed its epoch or committed (its liveness signal), or null.</summary>
    public DateTimeOffset? CompactorHeartbeat { get; init; }

    /// <summary>True when the current compactor epoch belongs to a standalone compactor process.</summary>
    public bool CompactorStandalone { get; init; }

    /// <summary>Named checkpoints.</summary>
    public ImmutableArray<Checkpoint> Checkpoints { get; init; } = [];

    /// <summary>The tag stored for a WAL on the main store (null) or a separate store.</summary>
    public static string WalStoreName(string? separateTag) => separateTag is null ? MainWalStore : "separate:" + separateTag;
}
