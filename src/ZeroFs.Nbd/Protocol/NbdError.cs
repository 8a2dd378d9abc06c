namespace ZeroFs.Nbd.Protocol;

/// <summary>The error values of a reply; only these may appear on the wire.</summary>
public enum NbdError : uint
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>NBD_EPERM (1): operation not permitted (e.g. a write to a read-only export).</summary>
    NotPermitted = 1,

    /// <summary>NBD_EIO (5): input/output error.</summary>
    IO = 5,

    /// <summary>NBD_ENOMEM (12): cannot allocate memory.</summary>
    NoMemory = 12,

    /// <summary>NBD_EINVAL (22): invalid argument (bad flags, out of range reads, unknown commands).</summary>
    InvalidArgument = 22,

    /// <summary>NBD_ENOSPC (28): no space left (also writes beyond the export end, EDQUOT, EFBIG).</summary>
    NoSpace = 28,

    /// <summary>NBD_EOVERFLOW (75): value too large.</summary>
    Overflow = 75,

    /// <summary>NBD_ENOTSUP (95): operation not supported (a FAST_ZERO request that would not be fast).</summary>
    NotSupported = 95,

    /// <summary>NBD_ESHUTDOWN (108): the server is shutting down.</summary>
    Shutdown = 108,
}
