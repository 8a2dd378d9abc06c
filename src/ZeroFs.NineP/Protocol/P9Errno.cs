namespace ZeroFs.NineP.Protocol;

/// <summary>
/// Linux errno values carried by Rlerror (asm-generic/errno-base.h and errno.h, as on x86-64 and arm64),
/// and their names for messages.
/// </summary>
public static class P9Errno
{
    /// <summary>EPERM: operation not permitted.</summary>
    public const uint EPERM = 1;

    /// <summary>ENOENT: no such file or directory.</summary>
    public const uint ENOENT = 2;

    /// <summary>EINTR: interrupted.</summary>
    public const uint EINTR = 4;

    /// <summary>EIO: I/O error.</summary>
    public const uint EIO = 5;

    /// <summary>ENXIO: no such device or address.</summary>
    public const uint ENXIO = 6;

    /// <summary>EBADF: bad file descriptor (unknown or unopened fid).</summary>
    public const uint EBADF = 9;

    /// <summary>EAGAIN: try again.</summary>
    public const uint EAGAIN = 11;

    /// <summary>ENOMEM: out of memory.</summary>
    public const uint ENOMEM = 12;

    /// <summary>EACCES: permission denied.</summary>
    public const uint EACCES = 13;

    /// <summary>EFAULT: bad address.</summary>
    public const uint EFAULT = 14;

    /// <summary>EBUSY: device or resource busy.</summary>
    public const uint EBUSY = 16;

    /// <summary>EEXIST: file exists.</summary>
    public const uint EEXIST = 17;

    /// <summary>EXDEV: cross-device link.</summary>
    public const uint EXDEV = 18;

    /// <summary>ENODEV: no such device.</summary>
    public const uint ENODEV = 19;

    /// <summary>ENOTDIR: not a directory.</summary>
    public const uint ENOTDIR = 20;

    /// <summary>EISDIR: is a directory.</summary>
    public const uint EISDIR = 21;

    /// <summary>EINVAL: invalid argument.</summary>
    public const uint EINVAL = 22;

    /// <summary>EMFILE: too many open files.</summary>
    public const uint EMFILE = 24;

    /// <summary>EFBIG: file too large.</summary>
    public const uint EFBIG = 27;

    /// <summary>ENOSPC: no space left on device.</summary>
    public const uint ENOSPC = 28;

    /// <summary>ESPIPE: illegal seek.</summary>
    public const uint ESPIPE = 29;

    /// <summary>EROFS: read-only file system.</summary>
    public const uint EROFS = 30;

    /// <summary>EMLINK: too many links.</summary>
    public const uint EMLINK = 31;

    /// <summary>ERANGE: result too large (xattr buffer).</summary>
    public const uint ERANGE = 34;

    /// <summary>EDEADLK: resource deadlock would occur.</summary>
    public const uint EDEADLK = 35;

    /// <summary>ENAMETOOLONG: file name too long.</summary>
    public const uint ENAMETOOLONG = 36;

    /// <summary>ENOLCK: no record locks available.</summary>
    public const uint ENOLCK = 37;

    /// <summary>ENOSYS: function not implemented (unknown message).</summary>
    public const uint ENOSYS = 38;

    /// <summary>ENOTEMPTY: directory not empty.</summary>
    public const uint ENOTEMPTY = 39;

    /// <summary>ELOOP: too many symbolic links.</summary>
    public const uint ELOOP = 40;

    /// <summary>ENODATA: no such attribute (ENOATTR).</summary>
    public const uint ENODATA = 61;

    /// <summary>EPROTO: protocol error.</summary>
    public const uint EPROTO = 71;

    /// <summary>EBADMSG: malformed message.</summary>
    public const uint EBADMSG = 74;

    /// <summary>EOVERFLOW: value too large for its type.</summary>
    public const uint EOVERFLOW = 75;

    /// <summary>EOPNOTSUPP / ENOTSUP: operation not supported.</summary>
    public const uint EOPNOTSUPP = 95;

    /// <summary>ECONNRESET: connection reset.</summary>
    public const uint ECONNRESET = 104;

    /// <summary>ETIMEDOUT: timed out.</summary>
    public const uint ETIMEDOUT = 110;

    /// <summary>ESTALE: stale file handle.</summary>
    public const uint ESTALE = 116;

    /// <summary>EDQUOT: quota exceeded.</summary>
    public const uint EDQUOT = 122;

    /// <summary>Gets the symbolic name of <paramref name="errno"/>, e.g. "ENOENT", or "errno N" when unknown.</summary>
    /// <param name="errno">A Linux errno.</param>
    /// <returns>The name.</returns>
    public static string GetName(uint errno) => errno switch
    {
        EPERM => nameof(EPERM),
        ENOENT => nameof(ENOENT),
        EINTR => nameof(EINTR),
        EIO => nameof(EIO),
        ENXIO => nameof(ENXIO),
        EBADF => nameof(EBADF),
        EAGAIN => nameof(EAGAIN),
        ENOMEM => nameof(ENOMEM),
        EACCES => nameof(EACCES),
        EFAULT => nameof(EFAULT),
        EBUSY => nameof(EBUSY),
        EEXIST => nameof(EEXIST),
        EXDEV => nameof(EXDEV),
        ENODEV => nameof(ENODEV),
        ENOTDIR => nameof(ENOTDIR),
        EISDIR => nameof(EISDIR),
        EINVAL => nameof(EINVAL),
        EMFILE => nameof(EMFILE),
        EFBIG => nameof(EFBIG),
        ENOSPC => nameof(ENOSPC),
        ESPIPE => nameof(ESPIPE),
        EROFS => nameof(EROFS),
        EMLINK => nameof(EMLINK),
        ERANGE => nameof(ERANGE),
        EDEADLK => nameof(EDEADLK),
        ENAMETOOLONG => nameof(ENAMETOOLONG),
        ENOLCK => nameof(ENOLCK),
        ENOSYS => nameof(ENOSYS),
        ENOTEMPTY => nameof(ENOTEMPTY),
        ELOOP => nameof(ELOOP),
        ENODATA => nameof(ENODATA),
        EPROTO => nameof(EPROTO),
        EBADMSG => nameof(EBADMSG),
        EOVERFLOW => nameof(EOVERFLOW),
        EOPNOTSUPP => nameof(EOPNOTSUPP),
        ECONNRESET => nameof(ECONNRESET),
        ETIMEDOUT => nameof(ETIMEDOUT),
        ESTALE => nameof(ESTALE),
        EDQUOT => nameof(EDQUOT),
        _ => "errno " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
