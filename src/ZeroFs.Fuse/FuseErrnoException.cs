namespace ZeroFs.Fuse;

/// <summary>A request fails with a Linux errno decided by the client itself (not by the server).</summary>
internal sealed class FuseErrnoException : Exception
{
    public FuseErrnoException(int errno, string message)
        : base(message)
    {
        Errno = errno;
    }

    public FuseErrnoException()
        : this(Errors.EIO, "I/O error")
    {
    }

    public FuseErrnoException(string message)
        : this(Errors.EIO, message)
    {
    }

    public FuseErrnoException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errno = Errors.EIO;
    }

    /// <summary>The Linux errno.</summary>
    public int Errno { get; }
}
