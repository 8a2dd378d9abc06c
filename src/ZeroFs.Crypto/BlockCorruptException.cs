namespace ZeroFs.Crypto;

/// <summary>
/// A sealed block is damaged: its CRC32C does not match, it is too short, or its header names a
/// version or codec this build does not know. Detected before decryption, so the bytes were changed
/// in storage, in a cache or in transit (or by a bug); no key or password problem is implied. A
/// caller reading through a cache may evict the cached copy and fetch the block again once.
/// </summary>
public sealed class BlockCorruptException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public BlockCorruptException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
