namespace ZeroFs.NineP.Client;

/// <summary>
/// The connection is gone (closed by the peer, transport error, or closed after a protocol violation):
/// every request pending at that moment, and every later one, fails with this exception. The
/// inner exception, if any, is the cause (for example a <see cref="NinePProtocolException"/>).
/// </summary>
public sealed class NinePConnectionClosedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause, or null.</param>
    public NinePConnectionClosedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
