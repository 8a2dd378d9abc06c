using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server;

/// <summary>
/// The one mapping from <see cref="FsStatus"/> to the Linux errno an Rlerror carries (STYLE.md §4.8);
/// a test covers every status.
/// </summary>
public static class NinePErrno
{
    /// <summary>E2BIG: an extended attribute value is larger than the filesystem allows.</summary>
    public const uint E2BIG = 7;

    /// <summary>Maps <paramref name="status"/> to a Linux errno.</summary>
    /// <param name="status">A failure status (Ok maps to 0).</param>
    /// <returns>The errno; EIO for a status this switch does not know (a test keeps that from happening).</returns>
    public static uint FromStatus(FsStatus status) => status switch
    {
        FsStatus.Ok => 0,
        FsStatus.NotFound => P9Errno.ENOENT,
        FsStatus.Exists => P9Errno.EEXIST,
        FsStatus.NotDirectory => P9Errno.ENOTDIR,
        FsStatus.IsDirectory => P9Errno.EISDIR,
        FsStatus.NotEmpty => P9Errno.ENOTEMPTY,
        FsStatus.AccessDenied => P9Errno.EACCES,
        FsStatus.NotPermitted => P9Errno.EPERM,
        FsStatus.NameTooLong => P9Errno.ENAMETOOLONG,
        FsStatus.InvalidArgument => P9Errno.EINVAL,
        FsStatus.NoSpace => P9Errno.ENOSPC,
        FsStatus.ReadOnlyFileSystem => P9Errno.EROFS,
        FsStatus.TooManyLinks => P9Errno.EMLINK,
        FsStatus.Loop => P9Errno.ELOOP,
        FsStatus.NotSupported => P9Errno.EOPNOTSUPP,
        FsStatus.Stale => P9Errno.ESTALE,
        FsStatus.FileTooLarge => P9Errno.EFBIG,
        FsStatus.NoData => P9Errno.ENODATA,
        FsStatus.Range => P9Errno.ERANGE,
        FsStatus.CrossDevice => P9Errno.EXDEV,
        FsStatus.Busy => P9Errno.EBUSY,
        FsStatus.TooBig => E2BIG,
        _ => P9Errno.EIO,
    };
}
