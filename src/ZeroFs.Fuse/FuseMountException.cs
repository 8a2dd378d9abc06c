namespace ZeroFs.Fuse;

/// <summary>A mount could not be set up; the message says why and what to check.</summary>
public sealed class FuseMountException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, for the user.</param>
    public FuseMountException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed, for the user.</param>
    /// <param name="innerException">The cause.</param>
    public FuseMountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public FuseMountException()
        : base("the FUSE mount failed")
    {
    }
}
