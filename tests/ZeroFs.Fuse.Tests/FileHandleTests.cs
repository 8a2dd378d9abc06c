using ZeroFs.Fuse.Inodes;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse.Tests;

public sealed class FileHandleTests
{
    private static FileHandle NewHandle() =>
        new(1, new Inode(2, new Qid(QidType.File, 0, 9), null, []), 0, OpenFlags.ReadWrite, isDirectory: false, fid: 5, generation: 1);

    [Fact]
    public void WritesOnAnOlderConnection_AreReportedOnce()
    {
        var handle = NewHandle();
        handle.MarkWritten(1);
        Assert.Equal(0, handle.TakeLostWrites(1));
        Assert.Equal(1, handle.TakeLostWrites(2));
        Assert.Equal(0, handle.TakeLostWrites(2));
    }

    [Fact]
    public void SyncedWrites_AreNotLost()
    {
        var handle = NewHandle();
        handle.MarkWritten(1);
        handle.MarkSynced(1);
        Assert.Equal(0, handle.TakeLostWrites(2));
    }

    [Fact]
    public void Fid_BelongsToOneConnection()
    {
        var handle = NewHandle();
        Assert.True(handle.TryGetFid(1, out var fid));
        Assert.Equal(5u, fid);
        Assert.False(handle.TryGetFid(2, out _));
        Assert.True(handle.TrySetFid(8, 2, out var current));
        Assert.Equal(8u, current);
        Assert.False(handle.TrySetFid(9, 2, out current)); // a concurrent reopen lost the race
        Assert.Equal(8u, current);
        Assert.True(handle.TryTakeFid(2, out fid));
        Assert.Equal(8u, fid);
        Assert.False(handle.TryGetFid(2, out _));
    }
}
