using System.Security.Cryptography;

namespace ZeroFs.Crypto;

/// <summary>
/// The 256-bit data key that every subkey derives from (see <see cref="KeyDomain"/>). The bytes live
/// in a pinned array so the GC never leaves copies behind, and are zeroed by <see cref="Dispose"/>.
/// <see cref="ToString"/> shows only the key id, which reveals nothing about the key.
/// </summary>
public sealed class DataKey : IDisposable
{
    /// <summary>Length of a data key in bytes.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _key;
    private bool _disposed;

    private DataKey(ReadOnlySpan<byte> key)
    {
        _key = GC.AllocateArray<byte>(KeyLength, pinned: true);
        key.CopyTo(_key);
        KeyId = KeyDerivation.ComputeKeyId(_key);
    }

    /// <summary>
    /// The 4-byte key id stored in every sealed block's header: the first bytes of an HKDF output
    /// with its own info string, so blocks sealed under another key are told apart from tampered ones.
    /// </summary>
    public uint KeyId { get; }

    /// <summary>Wraps existing key bytes (copied; the caller should zero its own copy).</summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not <see cref="KeyLength"/> bytes long.</exception>
    public static DataKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"a data key is {KeyLength} bytes, not {key.Length}", nameof(key));
        }

        return new DataKey(key);
    }

    /// <summary>Creates a fresh random key from the operating system's CSPRNG.</summary>
    public static DataKey Generate()
    {
        Span<byte> key = stackalloc byte[KeyLength];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new DataKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The key bytes; valid until <see cref="Dispose"/>. Never log or persist them unwrapped.</summary>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>Returns <c>DataKey(id xxxxxxxx)</c>; never the key bytes.</summary>
    public override string ToString() => $"DataKey(id {KeyId:x8})";

    /// <summary>Zeroes the key bytes. Sealers created from this key keep working (they hold subkeys).</summary>
    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
    }
}
