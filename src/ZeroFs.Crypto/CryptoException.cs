namespace ZeroFs.Crypto;

/// <summary>
/// Base of the errors this assembly reports about sealed data and key files (STYLE.md §4.7: coarse
/// kinds, each saying whether a retry helps). Argument and usage errors stay the standard
/// <see cref="ArgumentException"/> family.
/// </summary>
public abstract class CryptoException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected CryptoException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when doing the same thing again may succeed without anyone fixing anything (e.g. a
    /// lost compare-and-swap race). Corruption, a wrong key or password, and tampering are not.
    /// </summary>
    public virtual bool IsTransient => false;
}
