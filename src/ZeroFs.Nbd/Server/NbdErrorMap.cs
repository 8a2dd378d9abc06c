using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>The one mapping from filesystem outcomes to NBD reply errors (STYLE.md §4.8).</summary>
public static class NbdErrorMap
{
    /// <summary>
    /// Maps <paramref name="status"/> to the closest of the eight NBD error values. The protocol has no
    /// EROFS or EACCES: permission and read-only failures are NBD_EPERM, as the spec asks for writes to
    /// a read-only export; EDQUOT-like and EFBIG outcomes are NBD_ENOSPC, as it asks too.
    /// </summary>
    public static NbdError ToNbdError(FsStatus status) => status switch
    {
        FsStatus.Ok => NbdError.None,
        FsStatus.NoSpace => NbdError.NoSpace,
        FsStatus.FileTooLarge => NbdError.NoSpace,
        FsStatus.ReadOnlyFileSystem => NbdError.NotPermitted,
        FsStatus.AccessDenied => NbdError.NotPermitted,
        FsStatus.NotPermitted => NbdError.NotPermitted,
        FsStatus.InvalidArgument => NbdError.InvalidArgument,
        FsStatus.IsDirectory => NbdError.InvalidArgument,
        FsStatus.NotDirectory => NbdError.InvalidArgument,
        FsStatus.NameTooLong => NbdError.InvalidArgument,
        FsStatus.Range => NbdError.InvalidArgument,
        FsStatus.TooBig => NbdError.Overflow,
        FsStatus.NotSupported => NbdError.NotSupported,
        FsStatus.NotFound => NbdError.IO,
        FsStatus.Stale => NbdError.IO,
        FsStatus.Exists => NbdError.IO,
        FsStatus.NotEmpty => NbdError.IO,
        FsStatus.TooManyLinks => NbdError.IO,
        FsStatus.Loop => NbdError.IO,
        FsStatus.NoData => NbdError.IO,
        FsStatus.CrossDevice => NbdError.IO,
        FsStatus.Busy => NbdError.IO,
        _ => NbdError.IO,
    };
}
