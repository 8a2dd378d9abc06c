namespace ZeroFs.Crypto.Keys;

/// <summary>
/// The key file changed while this call was replacing or creating it (a concurrent password change,
/// or repeated store conflicts). Nothing was written by this call; read again and retry.
/// </summary>
public sealed class KeyFileConflictException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public KeyFileConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Always true: retrying (with the password now in force) can succeed.</summary>
    public override bool IsTransient => true;
}
