namespace ZeroFs.FileSystem;

/// <summary>How setattr changes one timestamp (utimensat semantics).</summary>
public readonly record struct TimeSetting
{
    private TimeSetting(byte kind, long nanoseconds)
    {
        Kind = kind;
        Nanoseconds = nanoseconds;
    }

    /// <summary>Leave the timestamp unchanged (UTIME_OMIT).</summary>
    public static TimeSetting Omit => default;

    /// <summary>Set the timestamp to the server's clock (UTIME_NOW).</summary>
    public static TimeSetting Now => new(1, 0);

    /// <summary>True for <see cref="Omit"/>.</summary>
    public bool IsOmit => Kind == 0;

    /// <summary>True for <see cref="Now"/>.</summary>
    public bool IsNow => Kind == 1;

    /// <summary>The explicit time in nanoseconds since the Unix epoch (valid when neither Omit nor Now).</summary>
    public long Nanoseconds { get; }

    private byte Kind { get; }

    /// <summary>Sets the timestamp to an explicit time in nanoseconds since the Unix epoch.</summary>
    public static TimeSetting At(long nanoseconds) => new(2, nanoseconds);
}
