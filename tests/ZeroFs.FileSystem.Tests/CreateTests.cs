using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class CreateTests
{
    [Fact]
    public async Task Open_NewStore_CreatesSharedRootDirectory()
    {
        await using var h = await OpenAsync();
        var root = await h.AttrAsync(PosixFileSystem.RootId);
        Assert.Equal(FileType.Directory, root.Type);
        Assert.Equal(0x3FFu, root.Mode);
        Assert.Equal(2u, root.Nlink);
        Assert.Equal(0x43FFu, root.StMode);
        Assert.Equal(1, h.Fs.GetStatistics().UsedInodes);
    }

    [Fact]
    public async Task Create_File_SetsOwnerModeTimesAndParentTimes()
    {
        await using var h = await OpenAsync();
        var before = await h.AttrAsync(PosixFileSystem.RootId);
        await Task.Delay(2);
        var id = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1A4);
        var a = await h.AttrAsync(id);
        Assert.Equal((1000u, 1000u, 0x1A4u, 1u, 0L), (a.Uid, a.Gid, a.Mode, a.Nlink, a.Size));
        Assert.Equal(a.Mtime, a.Ctime);
        var after = await h.AttrAsync(PosixFileSystem.RootId);
        Assert.True(after.Mtime > before.Mtime && after.Ctime > before.Ctime);
        Assert.Equal(2, h.Fs.GetStatistics().UsedInodes);
    }

    [Fact]
    public async Task Create_ExistingName_ExclusiveFailsOtherwiseReturnsFile()
    {
        await using var h = await OpenAsync();
        var id = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        Assert.Equal(FsStatus.Exists, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("f"), 0x1A4, true)).Status);
        Assert.Equal(id, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("f"), 0x1A4, false)).Value.Id);
        await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        Assert.Equal(FsStatus.IsDirectory, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("d"), 0x1A4, false)).Status);
        Assert.Equal(FsStatus.Exists, (await h.Fs.MakeDirectoryAsync(Alice, PosixFileSystem.RootId, N("f"), 0x1ED)).Status);
    }

    [Fact]
    public async Task Names_TooLongDotsAndSlashes_AreRejected()
    {
        await using var h = await OpenAsync();
        var name255 = new string('a', 255);
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, name255);
        Assert.Equal(FsStatus.NameTooLong, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N(name255 + "a"), 0x1A4, true)).Status);
        Assert.Equal(FsStatus.NameTooLong, (await h.Fs.MakeDirectoryAsync(Alice, PosixFileSystem.RootId, N(new string('b', 256)), 0x1ED)).Status);
        Assert.Equal(FsStatus.NameTooLong, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N(new string('b', 256)))).Status);
        Assert.Equal(FsStatus.Exists, (await h.Fs.MakeDirectoryAsync(Alice, PosixFileSystem.RootId, N("."), 0x1ED)).Status);
        Assert.Equal(FsStatus.Exists, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N(".."), 0x1A4, false)).Status);
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("a/b"), 0x1A4, false)).Status);
        Assert.Equal(FsStatus.NotFound, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N(""), 0x1A4, false)).Status);
    }

    [Fact]
    public async Task Names_AreRawBytes_NotUtf8()
    {
        await using var h = await OpenAsync();
        byte[] latin1 = [0xE9, 0x74, 0xE9];
        var created = await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, latin1, 0x1A4, true);
        Assert.True(created.IsOk);
        Assert.Equal(created.Value.Id, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, latin1)).Value.Id);
        var page = await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 2, 10);
        Assert.Equal(latin1, Assert.Single(page.Value.Entries).Name);
    }

    [Fact]
    public async Task Mkdir_UpdatesLinkCounts_AndDotDotResolves()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        var sub = await h.MkdirAsync(Alice, d, "s");
        Assert.Equal(3u, (await h.AttrAsync(PosixFileSystem.RootId)).Nlink);
        Assert.Equal(3u, (await h.AttrAsync(d)).Nlink);
        Assert.Equal(2u, (await h.AttrAsync(sub)).Nlink);
        Assert.Equal(d, (await h.Fs.LookupAsync(Alice, sub, N(".."))).Value.Id);
        Assert.Equal(sub, (await h.Fs.LookupAsync(Alice, sub, N("."))).Value.Id);
        Assert.Equal(PosixFileSystem.RootId, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N(".."))).Value.Id);
    }

    [Fact]
    public async Task Create_InDirectoryWithoutWritePermission_IsAccessDenied_RootBypasses()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d", 0x1ED);
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.CreateAsync(Bob, d, N("x"), 0x1A4, true)).Status);
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.MakeDirectoryAsync(Bob, d, N("x"), 0x1ED)).Status);
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.SymlinkAsync(Bob, d, N("x"), N("t"))).Status);
        Assert.True((await h.Fs.CreateAsync(Root, d, N("x"), 0x1A4, true)).IsOk);
    }

    [Fact]
    public async Task Lookup_WithoutSearchPermission_IsAccessDenied()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d", 0x1C0);
        await h.CreateFileAsync(Alice, d, "f");
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.LookupAsync(Bob, d, N("f"))).Status);
        Assert.True((await h.Fs.LookupAsync(Alice, d, N("f"))).IsOk);
        Assert.True((await h.Fs.LookupAsync(Root, d, N("f"))).IsOk);
        Assert.Equal(FsStatus.NotFound, (await h.Fs.LookupAsync(Alice, d, N("g"))).Status);
        var f = (await h.Fs.LookupAsync(Alice, d, N("f"))).Value.Id;
        Assert.Equal(FsStatus.NotDirectory, (await h.Fs.LookupAsync(Alice, f, N("g"))).Status);
    }

    [Fact]
    public async Task SetGidDirectory_NewEntriesInheritGroup_AndSubdirectoriesTheBit()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Root, PosixFileSystem.RootId, "shared", 0x7FF);
        Assert.True((await h.Fs.SetAttributesAsync(Root, d, new SetAttributes { Gid = 500, Mode = 0x400 | 0x1FF })).IsOk);
        var f = await h.CreateFileAsync(Alice, d, "f");
        var s = await h.MkdirAsync(Alice, d, "s");
        Assert.Equal(500u, (await h.AttrAsync(f)).Gid);
        Assert.Equal(500u, (await h.AttrAsync(s)).Gid);
        Assert.NotEqual(0u, (await h.AttrAsync(s)).Mode & 0x400);
        Assert.Equal(0u, (await h.AttrAsync(f)).Mode & 0x400);
        var plain = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "plain");
        Assert.Equal(1000u, (await h.AttrAsync(plain)).Gid);
    }

    [Fact]
    public async Task Create_SetGidFileForForeignGroup_DropsSetGid()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Root, PosixFileSystem.RootId, "shared", 0x7FF);
        await h.Fs.SetAttributesAsync(Root, d, new SetAttributes { Gid = 500, Mode = 0x400 | 0x1FF });
        var f = (await h.Fs.CreateAsync(Alice, d, N("f"), 0x400 | 0x1ED, true)).Value;
        Assert.Equal(0x1EDu, f.Mode);
    }

    [Theory]
    [InlineData(FileType.Fifo)]
    [InlineData(FileType.Socket)]
    [InlineData(FileType.CharDevice)]
    [InlineData(FileType.BlockDevice)]
    public async Task MakeNode_SpecialFiles_KeepTypeAndRdev(FileType type)
    {
        await using var h = await OpenAsync();
        var rdev = type is FileType.CharDevice or FileType.BlockDevice ? (1UL << 8) | 3 : 0;
        var who = rdev != 0 ? Root : Alice;
        var node = await h.Fs.MakeNodeAsync(who, PosixFileSystem.RootId, N("n"), type, 0x1A4, rdev);
        Assert.True(node.IsOk);
        var a = await h.AttrAsync(node.Value.Id);
        Assert.Equal((type, rdev, 0L), (a.Type, a.Rdev, a.Size));
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.ReadAsync(Root, a.Id, 0, new byte[4])).Status);
    }

    [Fact]
    public async Task MakeNode_DeviceAsNonRoot_IsNotPermitted()
    {
        await using var h = await OpenAsync();
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.MakeNodeAsync(Alice, PosixFileSystem.RootId, N("c"), FileType.CharDevice, 0x1A4, 5)).Status);
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.MakeNodeAsync(Alice, PosixFileSystem.RootId, N("c"), FileType.Directory, 0x1A4, 0)).Status);
    }

    [Fact]
    public async Task Symlink_TargetLimitsAndReadLink()
    {
        await using var h = await OpenAsync();
        var target = new string('t', 4096);
        var link = await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l"), N(target));
        Assert.True(link.IsOk);
        Assert.Equal(FileType.Symlink, link.Value.Type);
        Assert.Equal(4096, link.Value.Size);
        Assert.Equal(0x1FFu, link.Value.Mode);
        Assert.Equal(N(target), (await h.Fs.ReadLinkAsync(link.Value.Id)).Value);
        Assert.Equal(FsStatus.NameTooLong, (await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l2"), N(target + "x"))).Status);
        Assert.Equal(FsStatus.NotFound, (await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l3"), Array.Empty<byte>())).Status);
        Assert.Equal(FsStatus.Exists, (await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l"), N("x"))).Status);
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.ReadLinkAsync(PosixFileSystem.RootId)).Status);
    }

    [Fact]
    public async Task InodeIds_AreNeverReused_AndDeletedIdsAreStale()
    {
        await using var h = await OpenAsync();
        var a = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        var generation = (await h.AttrAsync(a)).Generation;
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("a")));
        var b = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        Assert.True(b > a);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(a)).Status);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(a, generation)).Status);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(b, generation + 1)).Status);
        await h.ReopenAsync();
        var c = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "c");
        Assert.True(c > b);
    }
}
