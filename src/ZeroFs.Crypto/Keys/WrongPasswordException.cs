namespace ZeroFs.Crypto.Keys;

/// <summary>
/// The password does not unlock the key file (or the file's wrapped key was altered; the two cannot
/// be told apart). Nothing was written.
/// </summary>
public sealed class WrongPasswordException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public WrongPasswordException(string message)
        : base(message)
    {
    }
}
