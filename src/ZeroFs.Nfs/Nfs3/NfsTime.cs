namespace ZeroFs.Nfs.Nfs3;

/// <summary>nfstime3 (RFC 1813 §2.6): seconds and nanoseconds since the Unix epoch, both unsigned 32-bit.</summary>
/// <param name="Seconds">Whole seconds.</param>
/// <param name="Nanoseconds">Nanoseconds within the second.</param>
public readonly record struct NfsTime(uint Seconds, uint Nanoseconds)
{
    /// <summary>From nanoseconds since the epoch; times before 1970 or after 2106 are clamped to the representable range.</summary>
    public static NfsTime FromUnixNanoseconds(long nanoseconds)
    {
        if (nanoseconds <= 0)
        {
            return default;
        }

        var seconds = nanoseconds / 1_000_000_000;
        return seconds > uint.MaxValue ? new NfsTime(uint.MaxValue, 999_999_999) : new NfsTime((uint)seconds, (uint)(nanoseconds % 1_000_000_000));
    }

    /// <summary>Nanoseconds since the epoch.</summary>
    public long ToUnixNanoseconds() => (Seconds * 1_000_000_000L) + Math.Min(Nanoseconds, 999_999_999u);
}
