namespace ZeroFs.Engine;

/// <summary>
/// A write was attempted on a read-only database (a reader following the writer or pinned to a
/// checkpoint). Retrying never helps; the filesystem maps it to <c>EROFS</c>.
/// </summary>
public sealed class ReadOnlyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReadOnlyException()
        : base("the database is open read-only; writes are rejected")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReadOnlyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ReadOnlyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
