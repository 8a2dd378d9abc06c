namespace ZeroFs.ObjectStore;

/// <summary>How <see cref="RetryingObjectStore"/> retries: exponential backoff with full jitter, bounded in attempts and time.</summary>
public sealed record RetryOptions
{
    /// <summary>Most attempts per call, the first included (default 8).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Upper bound of the first backoff; it doubles per attempt (default 100 ms).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap on one backoff (default 10 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No new attempt starts once this much time has passed since the first (default 60 s).</summary>
    public TimeSpan MaxElapsed { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxElapsed, TimeSpan.Zero, nameof(MaxElapsed));
    }
}
