namespace ZeroFs.Hosting;

/// <summary>
/// Starting or administering a ZeroFS instance failed for a reason the user can act on (wrong
/// password, unreachable or incompatible store, uninitialised bucket). <see cref="Exception.Message"/>
/// says what failed and what to do.
/// </summary>
public sealed class ZeroFsHostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ZeroFsHostException(string message, bool isUsageError = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsUsageError = isUsageError;
    }

    /// <summary>Creates the exception.</summary>
    public ZeroFsHostException()
        : this("zerofs failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ZeroFsHostException(string message)
        : this(message, false, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ZeroFsHostException(string message, Exception innerException)
        : this(message, false, innerException)
    {
    }

    /// <summary>True when the input was wrong (a too-short new password) rather than the environment.</summary>
    public bool IsUsageError { get; }
}
