using ZeroFs.Crypto;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// Settings of a read-only database (ENGINE.md §9 "Readers", §11). Immutable; validated at open.
/// Use <see cref="Follow"/> or one of the <c>Pinned</c> factories.
/// </summary>
public sealed record ReaderOptions
{
    /// <summary>Follow the writer (default) or read one checkpoint.</summary>
    public ReaderMode Mode { get; init; } = ReaderMode.Follow;

    /// <summary>The checkpoint of <see cref="ReaderMode.Pinned"/>, by id (takes precedence over <see cref="CheckpointName"/>).</summary>
    public Guid? CheckpointId { get; init; }

    /// <summary>The checkpoint of <see cref="ReaderMode.Pinned"/>, by name (the newest live one with that label).</summary>
    public string? CheckpointName { get; init; }

    /// <summary>How often a follower re-reads the manifest and the WAL tail (default 2 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Lifetime of a follower's lease checkpoint (default 10 min); refreshed at half-life.</summary>
    public TimeSpan LeaseLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A follower starts a new replay memtable at this size (default 64 MiB).</summary>
    public long MemtableBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The separate WAL store's tag (as the writer's <see cref="EngineOptions.WalStoreTag"/>), or null for the main store.</summary>
    public string? WalStoreTag { get; init; }

    /// <summary>Compression of the manifests a follower writes (lease maintenance).</summary>
    public CompressionOptions Compression { get; init; } = CompressionOptions.Default;

    /// <summary>Seed of the reader's random source (lease ids, skiplist heights); null = unseeded.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Follow the writer.</summary>
    public static ReaderOptions Follow() => new() { Mode = ReaderMode.Follow };

    /// <summary>Read checkpoint <paramref name="checkpointId"/>.</summary>
    public static ReaderOptions Pinned(Guid checkpointId) => new() { Mode = ReaderMode.Pinned, CheckpointId = checkpointId };

    /// <summary>Read the newest live checkpoint labelled <paramref name="checkpointName"/>.</summary>
    public static ReaderOptions Pinned(string checkpointName) => new() { Mode = ReaderMode.Pinned, CheckpointName = checkpointName };

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range or inconsistent.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollInterval, TimeSpan.Zero, nameof(PollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeaseLifetime, TimeSpan.FromSeconds(1), nameof(LeaseLifetime));
        if (LeaseLifetime <= PollInterval * 2)
        {
            throw new ArgumentException($"{nameof(LeaseLifetime)} must exceed twice {nameof(PollInterval)} so the lease is refreshed in time.", nameof(LeaseLifetime));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MemtableBytes, 1024, nameof(MemtableBytes));
        ArgumentNullException.ThrowIfNull(Compression, nameof(Compression));
        Compression.Validate();
        if (Mode == ReaderMode.Pinned && CheckpointId is null && CheckpointName is null)
        {
            throw new ArgumentException("A pinned reader needs CheckpointId or CheckpointName.", nameof(CheckpointId));
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentException($"Unknown reader mode {Mode}.", nameof(Mode));
        }
    }
}
