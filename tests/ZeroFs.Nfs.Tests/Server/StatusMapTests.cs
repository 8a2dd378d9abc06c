using ZeroFs.FileSystem;
using ZeroFs.Nfs.Mount;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Server;

namespace ZeroFs.Nfs.Tests.Server;

public sealed class StatusMapTests
{
    private static readonly Dictionary<FsStatus, Nfs3Status> Expected = new()
    {
        [FsStatus.Ok] = Nfs3Status.Ok,
        [FsStatus.NotFound] = Nfs3Status.NoEntry,
        [FsStatus.Exists] = Nfs3Status.Exists,
        [FsStatus.NotDirectory] = Nfs3Status.NotDirectory,
        [FsStatus.IsDirectory] = Nfs3Status.IsDirectory,
        [FsStatus.NotEmpty] = Nfs3Status.NotEmpty,
        [FsStatus.AccessDenied] = Nfs3Status.AccessDenied,
        [FsStatus.NotPermitted] = Nfs3Status.NotPermitted,
        [FsStatus.NameTooLong] = Nfs3Status.NameTooLong,
        [FsStatus.InvalidArgument] = Nfs3Status.InvalidArgument,
        [FsStatus.NoSpace] = Nfs3Status.NoSpace,
        [FsStatus.ReadOnlyFileSystem] = Nfs3Status.ReadOnlyFileSystem,
        [FsStatus.TooManyLinks] = Nfs3Status.TooManyLinks,
        [FsStatus.Loop] = Nfs3Status.InvalidArgument,
        [FsStatus.NotSupported] = Nfs3Status.NotSupported,
        [FsStatus.Stale] = Nfs3Status.Stale,
        [FsStatus.FileTooLarge] = Nfs3Status.FileTooLarge,
        [FsStatus.NoData] = Nfs3Status.IO,
        [FsStatus.Range] = Nfs3Status.IO,
        [FsStatus.CrossDevice] = Nfs3Status.CrossDevice,
        [FsStatus.Busy] = Nfs3Status.InvalidArgument,
        [FsStatus.TooBig] = Nfs3Status.IO,
    };

    [Fact]
    public void EveryFsStatus_HasAPinnedNfs3Status_NeverServerFault()
    {
        foreach (var status in Enum.GetValues<FsStatus>())
        {
            Assert.True(Expected.ContainsKey(status), $"FsStatus.{status} has no expected mapping: add it here and in NfsStatusMap");
            Assert.Equal(Expected[status], NfsStatusMap.ToNfs3(status));
        }
    }

    [Fact]
    public void EveryFsStatus_MapsToAMountStatus()
    {
        foreach (var status in Enum.GetValues<FsStatus>())
        {
            Assert.True(Enum.IsDefined(NfsStatusMap.ToMount(status)));
        }

        Assert.Equal(MountStatus.NoEntry, NfsStatusMap.ToMount(FsStatus.NotFound));
        Assert.Equal(MountStatus.AccessDenied, NfsStatusMap.ToMount(FsStatus.AccessDenied));
        Assert.Equal(MountStatus.NotDirectory, NfsStatusMap.ToMount(FsStatus.NotDirectory));
    }
}
