namespace ZeroFs.Engine;

/// <summary>
/// The writer stopped after a fatal error (for example a WAL segment PUT that failed after retries:
/// a WAL id is never skipped, so the writer closes instead). Acknowledged-durable writes are safe;
/// reopen to continue. <see cref="Exception.InnerException"/> holds the cause.
/// </summary>
public sealed class EngineFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineFailedException()
        : base("the storage engine stopped after a fatal error")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public EngineFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
