using ZeroFs.FileSystem;
using ZeroFs.Nfs.Mount;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>The one place filesystem outcomes become wire codes (STYLE.md §4.8); a test covers every <see cref="FsStatus"/>.</summary>
internal static class NfsStatusMap
{
    public static Nfs3Status ToNfs3(FsStatus status) => status switch
    {
        FsStatus.Ok => Nfs3Status.Ok,
        FsStatus.NotFound => Nfs3Status.NoEntry,
        FsStatus.Exists => Nfs3Status.Exists,
        FsStatus.NotDirectory => Nfs3Status.NotDirectory,
        FsStatus.IsDirectory => Nfs3Status.IsDirectory,
        FsStatus.NotEmpty => Nfs3Status.NotEmpty,
        FsStatus.AccessDenied => Nfs3Status.AccessDenied,
        FsStatus.NotPermitted => Nfs3Status.NotPermitted,
        FsStatus.NameTooLong => Nfs3Status.NameTooLong,
        FsStatus.InvalidArgument => Nfs3Status.InvalidArgument,
        FsStatus.NoSpace => Nfs3Status.NoSpace,
        FsStatus.ReadOnlyFileSystem => Nfs3Status.ReadOnlyFileSystem,
        FsStatus.TooManyLinks => Nfs3Status.TooManyLinks,
        FsStatus.Loop => Nfs3Status.InvalidArgument, // NFSv3 has no ELOOP; the server never resolves paths anyway
        FsStatus.NotSupported => Nfs3Status.NotSupported,
        FsStatus.Stale => Nfs3Status.Stale,
        FsStatus.FileTooLarge => Nfs3Status.FileTooLarge,
        FsStatus.CrossDevice => Nfs3Status.CrossDevice,
        FsStatus.Busy => Nfs3Status.InvalidArgument, // rename onto "." / ".."; NFSv3 has no EBUSY
        FsStatus.NoData or FsStatus.Range or FsStatus.TooBig => Nfs3Status.IO, // xattr outcomes, which NFSv3 cannot ask for
        _ => Nfs3Status.ServerFault,
    };

    public static MountStatus ToMount(FsStatus status) => status switch
    {
        FsStatus.Ok => MountStatus.Ok,
        FsStatus.NotFound or FsStatus.Stale => MountStatus.NoEntry,
        FsStatus.AccessDenied => MountStatus.AccessDenied,
        FsStatus.NotPermitted => MountStatus.NotPermitted,
        FsStatus.NotDirectory => MountStatus.NotDirectory,
        FsStatus.NameTooLong => MountStatus.NameTooLong,
        FsStatus.InvalidArgument => MountStatus.InvalidArgument,
        FsStatus.NotSupported => MountStatus.NotSupported,
        _ => MountStatus.IO,
    };
}
