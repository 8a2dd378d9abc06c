namespace ZeroFs.Crypto;

/// <summary>
/// A sealed block is intact (its CRC32C matches) but was sealed under a different data key: the key
/// id in its header is not ours. Typically the store was opened with another bucket's key file, or
/// objects from another ZeroFS instance were copied in.
/// </summary>
public sealed class WrongKeyException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public WrongKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Key id recorded in the block.</summary>
    public uint BlockKeyId { get; init; }

    /// <summary>Key id of the key we tried.</summary>
    public uint ExpectedKeyId { get; init; }
}
