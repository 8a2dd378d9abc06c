using System.Text;
using ZeroFs.Fuse.Inodes;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse.Tests;

public sealed class InodeTableTests
{
    private static readonly Qid RootQid = new(QidType.Directory, 0, 100);

    [Fact]
    public void AddLookup_SameQid_SharesTheInodeAndCountsLookups()
    {
        var table = new InodeTable(RootQid);
        var a = table.AddLookup(table.Root, "a"u8, new Qid(QidType.File, 0, 7));
        var link = table.AddLookup(table.Root, "link"u8, new Qid(QidType.File, 0, 7));

        Assert.Same(a, link);
        Assert.Equal(2UL, a.Lookups);
        Assert.NotEqual(table.Root.Ino, a.Ino);
        Assert.False(table.Forget(a, 1));
        Assert.True(table.Forget(a, 1));
        Assert.False(table.TryGet(a.Ino, out _));

        var again = table.AddLookup(table.Root, "a"u8, new Qid(QidType.File, 0, 7));
        Assert.NotEqual(a.Ino, again.Ino); // inode numbers are never reused
    }

    [Fact]
    public void GetPath_FollowsRenamesAndRefusesRemovedNames()
    {
        var table = new InodeTable(RootQid);
        var dir = table.AddLookup(table.Root, "dir"u8, new Qid(QidType.Directory, 0, 1));
        var file = table.AddLookup(dir, "file"u8, new Qid(QidType.File, 0, 2));
        Assert.Equal("dir/file", PathOf(table, file));

        var other = table.AddLookup(table.Root, "other"u8, new Qid(QidType.Directory, 0, 3));
        Assert.Same(dir, table.Renamed(table.Root, "dir"u8, other, "moved"u8));
        Assert.Equal("other/moved/file", PathOf(table, file));

        table.Removed(dir, "file"u8);
        Assert.Null(table.GetPath(file));
        Assert.Equal("other/moved", PathOf(table, dir));
        Assert.Empty(table.GetPath(table.Root)!);
    }

    [Fact]
    public void Rename_OverATarget_DetachesTheReplacedFile()
    {
        var table = new InodeTable(RootQid);
        var source = table.AddLookup(table.Root, "src"u8, new Qid(QidType.File, 0, 1));
        var target = table.AddLookup(table.Root, "dst"u8, new Qid(QidType.File, 0, 2));
        table.Renamed(table.Root, "src"u8, table.Root, "dst"u8);

        Assert.Null(table.GetPath(target));
        Assert.Equal("dst", PathOf(table, source));
    }

    [Fact]
    public void Fids_ArePerUserAndPerConnection()
    {
        var table = new InodeTable(RootQid);
        var inode = table.AddLookup(table.Root, "f"u8, new Qid(QidType.File, 0, 1));
        Assert.Equal(10u, inode.AddFid(1000, 1, 10, out var surplus));
        Assert.False(surplus);
        Assert.Equal(10u, inode.AddFid(1000, 1, 11, out surplus));
        Assert.True(surplus);
        Assert.Equal(12u, inode.AddFid(0, 1, 12, out _));

        Assert.True(inode.TryGetFid(1000, 1, out var fid));
        Assert.Equal(10u, fid);
        Assert.False(inode.TryGetFid(1000, 2, out _)); // fids die with their connection

        Assert.Equal(20u, inode.AddFid(1000, 2, 20, out _));
        Assert.False(inode.TryGetFid(0, 1, out _)); // dead connection's slots are dropped
        Assert.Equal([20u], inode.TakeFids(2));
        Assert.False(inode.TryGetFid(1000, 2, out _));
    }

    private static string PathOf(InodeTable table, Inode inode) => string.Join('/', table.GetPath(inode)!.Select(n => Encoding.UTF8.GetString(n)));
}
