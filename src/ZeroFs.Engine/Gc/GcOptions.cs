namespace ZeroFs.Engine.Gc;

/// <summary>
/// Settings of garbage collection (ENGINE.md §9 GC, §11 defaults). Min ages may be zero (tests);
/// an object younger than its min age is never deleted.
/// </summary>
public sealed record GcOptions
{
    /// <summary>Run GC at all (default true).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// Time between GC passes (default 10 min). After a pass that deleted nothing while the
    /// manifest did not change, the next waits twice as long, up to <see cref="MaxInterval"/>;
    /// a pass that deletes or a new manifest version resets it (decision engine-0005).
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest time between passes of an idle tree; null (default) means 6 × <see cref="Interval"/> (1 h).</summary>
    public TimeSpan? MaxInterval { get; init; }

    /// <summary>The longest interval in force.</summary>
    public TimeSpan EffectiveMaxInterval => MaxInterval ?? Interval * 6;

    /// <summary>WAL segments younger than this are kept (default 5 min).</summary>
    public TimeSpan WalMinAge { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Zero-byte WAL fences are kept this long (default 7 days): a paused zombie writer learns it is
    /// fenced only when its create-only PUT of the fenced id fails (engine-0002).
    /// </summary>
    public TimeSpan WalFenceMinAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Unreferenced tables whose ULID time is younger than this are kept (default 10 min; must exceed any stall).</summary>
    public TimeSpan SstMinAge { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Superseded, unpinned manifests younger than this are kept (default 1 h).</summary>
    public TimeSpan ManifestMinAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Deletes in flight at once (default 8).</summary>
    public int DeleteConcurrency { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(Interval));
        ArgumentOutOfRangeException.ThrowIfLessThan(EffectiveMaxInterval, Interval, nameof(MaxInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(WalMinAge, TimeSpan.Zero, nameof(WalMinAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(WalFenceMinAge, TimeSpan.Zero, nameof(WalFenceMinAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(SstMinAge, TimeSpan.Zero, nameof(SstMinAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(ManifestMinAge, TimeSpan.Zero, nameof(ManifestMinAge));
        ArgumentOutOfRangeException.ThrowIfLessThan(DeleteConcurrency, 1, nameof(DeleteConcurrency));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DeleteConcurrency, 64, nameof(DeleteConcurrency));
    }
}
