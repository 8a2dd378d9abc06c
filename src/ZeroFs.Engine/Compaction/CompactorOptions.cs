using ZeroFs.Crypto;
using ZeroFs.Engine.Gc;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Settings of the size-tiered compactor (ENGINE.md §9 Compaction, §11 defaults). Immutable;
/// <see cref="Validate"/> runs when a compactor starts. Defaults live only here.
/// </summary>
public sealed record CompactorOptions
{
    /// <summary>
    /// How often the compactor re-reads the manifest for new work while there is some (default
    /// 5 s). While a read finds nothing to do and no new version, the interval doubles up to
    /// <see cref="MaxPollInterval"/>; new work, a new version or a wake-up (the embedded
    /// compactor's writer publishing) resets it (decision engine-0005).
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest poll interval of an idle compactor; null (default) means 12 × <see cref="PollInterval"/> (60 s).</summary>
    public TimeSpan? MaxPollInterval { get; init; }

    /// <summary>The longest poll interval in force.</summary>
    public TimeSpan EffectiveMaxPollInterval => MaxPollInterval ?? PollInterval * 12;

    /// <summary>Fewest sources of a job: L0 tables, or consecutive runs of similar size (default 4).</summary>
    public int MinSources { get; init; } = 4;

    /// <summary>Most L0 tables one job takes, oldest first (default 8).</summary>
    public int MaxSources { get; init; } = 8;

    /// <summary>Runs within this factor of the smallest run of a slice are compacted together (default 4.0).</summary>
    public double SizeRatio { get; init; } = 4.0;

    /// <summary>Output tables are cut at the first user-key boundary past this size (default 256 MiB).</summary>
    public long MaxTableBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Jobs run at once (default 2); never two on one source, at most one from L0.</summary>
    public int MaxConcurrentJobs { get; init; } = 2;

    /// <summary>Lifetime of the "compactor-hold" checkpoint added on the current manifest before a commit (default 15 min).</summary>
    public TimeSpan HoldLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Remove the hold right after the commit (default false: it expires after <see cref="HoldLifetime"/>,
    /// so reads still running on the pre-compaction tree keep their tables; see engine-0002).
    /// </summary>
    public bool ReleaseHoldAfterCommit { get; init; }

    /// <summary>A standalone compactor refreshes its heartbeat in the manifest at least this often while idle (default 1 min).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// An embedded compactor does not start while a standalone compactor's heartbeat is younger than
    /// this (default 5 min): the writer refuses to fence a compactor that looks alive.
    /// </summary>
    public TimeSpan StandaloneLiveness { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Layout of output tables.</summary>
    public SstWriterOptions Sst { get; init; } = new();

    /// <summary>Compression of output blocks (a standalone compactor; the embedded one uses the writer's setting).</summary>
    public CompressionOptions Compression { get; init; } = CompressionOptions.Default;

    /// <summary>Garbage collection run next to the compactor.</summary>
    public GcOptions Gc { get; init; } = new();

    /// <summary>Seed of the compactor's random source (table ids, checkpoint ids); null = unseeded.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range or inconsistent.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(EffectiveMaxPollInterval, PollInterval, nameof(MaxPollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSources, 2, nameof(MinSources));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSources, MinSources, nameof(MaxSources));
        ArgumentOutOfRangeException.ThrowIfLessThan(SizeRatio, 1.0, nameof(SizeRatio));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTableBytes, 64 * 1024, nameof(MaxTableBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentJobs, 1, nameof(MaxConcurrentJobs));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HoldLifetime, TimeSpan.Zero, nameof(HoldLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StandaloneLiveness, TimeSpan.Zero, nameof(StandaloneLiveness));
        ArgumentNullException.ThrowIfNull(Sst, nameof(Sst));
        ArgumentNullException.ThrowIfNull(Gc, nameof(Gc));
        ArgumentNullException.ThrowIfNull(Compression, nameof(Compression));
        Compression.Validate();
        Sst.Validate();
        Gc.Validate();
    }
}
