using ZeroFs.NineP.Client;

namespace ZeroFs.Fuse;

/// <summary>Linux errno values the client answers on its own, and the one mapping from a failure to an errno.</summary>
internal static class Errors
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int ENODATA = 61;
    public const int ESTALE = 116;

    /// <summary>
    /// The errno for a failed request: the server's errno for Rlerror, ours for a local decision, EIO for a
    /// lost connection or a protocol violation (the request cannot be trusted to have happened or not).
    /// </summary>
    public static int ToErrno(Exception exception) => exception switch
    {
        NinePException nineP => nineP.Errno is > 0 and < 4096 ? (int)nineP.Errno : EIO,
        FuseErrnoException local => local.Errno,
        OperationCanceledException => EINTR,
        _ => EIO,
    };

    /// <summary>Whether a failure is an expected outcome (an errno) rather than something worth logging.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is NinePException or FuseErrnoException or NinePConnectionClosedException or OperationCanceledException;
}
