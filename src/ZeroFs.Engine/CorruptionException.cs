namespace ZeroFs.Engine;

/// <summary>
/// Stored bytes failed a check: a CRC or authentication mismatch, a malformed block or tail, or a
/// block that does not belong where it was found. Never transient: retrying the same bytes fails
/// again (a cache may refetch once from the store).
/// </summary>
public sealed class CorruptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorruptionException()
        : base("stored data is corrupt")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorruptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that revealed the corruption.</summary>
    public CorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
