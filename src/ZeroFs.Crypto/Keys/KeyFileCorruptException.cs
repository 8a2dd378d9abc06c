namespace ZeroFs.Crypto.Keys;

/// <summary>
/// The key file is damaged (CRC32C mismatch, wrong size or magic) or in a format this build does not
/// read. Restore it from a backup; without it the data cannot be decrypted.
/// </summary>
public sealed class KeyFileCorruptException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public KeyFileCorruptException(string message)
        : base(message)
    {
    }
}
