using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Tests;

public sealed class NinePErrnoTests
{
    private static readonly Dictionary<FsStatus, uint> Expected = new()
    {
        [FsStatus.Ok] = 0,
        [FsStatus.NotFound] = P9Errno.ENOENT,
        [FsStatus.Exists] = P9Errno.EEXIST,
        [FsStatus.NotDirectory] = P9Errno.ENOTDIR,
        [FsStatus.IsDirectory] = P9Errno.EISDIR,
        [FsStatus.NotEmpty] = P9Errno.ENOTEMPTY,
        [FsStatus.AccessDenied] = P9Errno.EACCES,
        [FsStatus.NotPermitted] = P9Errno.EPERM,
        [FsStatus.NameTooLong] = P9Errno.ENAMETOOLONG,
        [FsStatus.InvalidArgument] = P9Errno.EINVAL,
        [FsStatus.NoSpace] = P9Errno.ENOSPC,
        [FsStatus.ReadOnlyFileSystem] = P9Errno.EROFS,
        [FsStatus.TooManyLinks] = P9Errno.EMLINK,
        [FsStatus.Loop] = P9Errno.ELOOP,
        [FsStatus.NotSupported] = P9Errno.EOPNOTSUPP,
        [FsStatus.Stale] = P9Errno.ESTALE,
        [FsStatus.FileTooLarge] = P9Errno.EFBIG,
        [FsStatus.NoData] = P9Errno.ENODATA,
        [FsStatus.Range] = P9Errno.ERANGE,
        [FsStatus.CrossDevice] = P9Errno.EXDEV,
        [FsStatus.Busy] = P9Errno.EBUSY,
        [FsStatus.TooBig] = 7, // E2BIG
    };

    [Fact]
    public void FromStatus_EveryFsStatus_MapsToItsLinuxErrno()
    {
        foreach (var status in Enum.GetValues<FsStatus>())
        {
            Assert.True(Expected.TryGetValue(status, out var errno), $"FsStatus.{status} has no expected errno: add it to the map and to this test");
            Assert.Equal(errno, NinePErrno.FromStatus(status));
        }
    }

    [Fact]
    public void FromStatus_EveryFailure_IsDistinctAndNotTheFallback()
    {
        var failures = Enum.GetValues<FsStatus>().Where(s => s != FsStatus.Ok).Select(NinePErrno.FromStatus).ToList();
        Assert.DoesNotContain(P9Errno.EIO, failures);
        Assert.DoesNotContain(0u, failures);
        Assert.Equal(failures.Count, failures.Distinct().Count());
    }

    [Fact]
    public void FromStatus_UnknownValue_IsEio()
    {
        Assert.Equal(P9Errno.EIO, NinePErrno.FromStatus((FsStatus)250));
    }
}
