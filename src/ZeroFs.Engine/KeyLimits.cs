namespace ZeroFs.Engine;

/// <summary>Size limits of keys and values (ENGINE.md §5), enforced when a write enters the engine.</summary>
public static class KeyLimits
{
    /// <summary>Longest user key: 64 KiB.</summary>
    public const int MaxKeyLength = 64 * 1024;

    /// <summary>Values must be strictly shorter than 256 MiB.</summary>
    public const int MaxValueLengthExclusive = 256 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> when a key or value is outside the limits.</summary>
    public static void Validate(ReadOnlySpan<byte> key, int valueLength)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            ThrowKey(key.Length);
        }

        if ((uint)valueLength >= MaxValueLengthExclusive)
        {
            ThrowValue(valueLength);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowKey(int length) =>
        throw new ArgumentException($"Key length {length} is outside 1..{MaxKeyLength} bytes.", "key");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowValue(int length) =>
        throw new ArgumentException($"Value length {length} must be below {MaxValueLengthExclusive} bytes.", "value");
}
