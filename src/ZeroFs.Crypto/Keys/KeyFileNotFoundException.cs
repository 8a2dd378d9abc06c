namespace ZeroFs.Crypto.Keys;

/// <summary>
/// A read-only open found no key file: the bucket has not been initialised, and a writer must run
/// once first to create it.
/// </summary>
public sealed class KeyFileNotFoundException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public KeyFileNotFoundException(string message)
        : base(message)
    {
    }
}
