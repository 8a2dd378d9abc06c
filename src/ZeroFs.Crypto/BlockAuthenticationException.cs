namespace ZeroFs.Crypto;

/// <summary>
/// A sealed block is intact (CRC32C matches) and was sealed under our data key, but it does not
/// authenticate: the block is not valid at this place. It was moved (another object or offset, so
/// another associated data), replayed, sealed in another <see cref="KeyDomain"/>, or deliberately
/// tampered with and its CRC recomputed. Treat as a security event, never as data.
/// </summary>
public sealed class BlockAuthenticationException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public BlockAuthenticationException(string message)
        : base(message)
    {
    }
}
