namespace ZeroFs.NineP.Client;

/// <summary>
/// The peer broke the protocol: a malformed or oversized frame, an unexpected reply type, or a failed
/// version negotiation. A framing violation also closes the connection.
/// </summary>
public sealed class NinePProtocolException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public NinePProtocolException(string message)
        : base(message)
    {
    }
}
