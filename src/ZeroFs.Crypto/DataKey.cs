namespace ZeroFs.Crypto;

/// <summary>
/// The 256-bit data key that every subkey derives from. PLACEHOLDER: being implemented
/// (zeroed on dispose, never logged). Keep <see cref="FromBytes"/>, <see cref="Generate"/> and <see cref="KeyLength"/>.
/// </summary>
public sealed class DataKey : IDisposable
{
    /// <summary>Length of a data key in bytes.</summary>
    public const int KeyLength = 32;

    private DataKey()
    {
    }

    /// <summary>Wraps existing key bytes (copied).</summary>
    public static DataKey FromBytes(ReadOnlySpan<byte> key) => throw new NotImplementedException();

    /// <summary>Creates a fresh random key.</summary>
    public static DataKey Generate() => throw new NotImplementedException();

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
