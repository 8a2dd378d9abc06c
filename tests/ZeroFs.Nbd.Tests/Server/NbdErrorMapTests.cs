using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;
using ZeroFs.Nbd.Server;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class NbdErrorMapTests
{
    private static readonly Dictionary<FsStatus, NbdError> Expected = new()
    {
        [FsStatus.Ok] = NbdError.None,
        [FsStatus.NotFound] = NbdError.IO,
        [FsStatus.Exists] = NbdError.IO,
        [FsStatus.NotDirectory] = NbdError.InvalidArgument,
        [FsStatus.IsDirectory] = NbdError.InvalidArgument,
        [FsStatus.NotEmpty] = NbdError.IO,
        [FsStatus.AccessDenied] = NbdError.NotPermitted,
        [FsStatus.NotPermitted] = NbdError.NotPermitted,
        [FsStatus.NameTooLong] = NbdError.InvalidArgument,
        [FsStatus.InvalidArgument] = NbdError.InvalidArgument,
        [FsStatus.NoSpace] = NbdError.NoSpace,
        [FsStatus.ReadOnlyFileSystem] = NbdError.NotPermitted,
        [FsStatus.TooManyLinks] = NbdError.IO,
        [FsStatus.Loop] = NbdError.IO,
        [FsStatus.NotSupported] = NbdError.NotSupported,
        [FsStatus.Stale] = NbdError.IO,
        [FsStatus.FileTooLarge] = NbdError.NoSpace,
        [FsStatus.NoData] = NbdError.IO,
        [FsStatus.Range] = NbdError.InvalidArgument,
        [FsStatus.CrossDevice] = NbdError.IO,
        [FsStatus.Busy] = NbdError.IO,
        [FsStatus.TooBig] = NbdError.Overflow,
    };

    public static TheoryData<FsStatus> AllStatuses()
    {
        var data = new TheoryData<FsStatus>();
        foreach (var status in Enum.GetValues<FsStatus>())
        {
            data.Add(status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void ToNbdError_EveryStatus_MapsToItsDefinedProtocolError(FsStatus status)
    {
        Assert.True(Expected.TryGetValue(status, out var expected), $"FsStatus.{status} is new: decide its NBD error in NbdErrorMap and here");
        var mapped = NbdErrorMap.ToNbdError(status);
        Assert.Equal(expected, mapped);
        Assert.True(Enum.IsDefined(mapped), "only the eight protocol error values may go on the wire");
    }

    [Fact]
    public void OnlySuccess_MapsToNone()
    {
        Assert.All(Enum.GetValues<FsStatus>().Where(s => s != FsStatus.Ok), s => Assert.NotEqual(NbdError.None, NbdErrorMap.ToNbdError(s)));
    }
}
