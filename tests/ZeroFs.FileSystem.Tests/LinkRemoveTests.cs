using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class LinkRemoveTests
{
    [Fact]
    public async Task Link_AddsName_CountsLinks_UpdatesCtime()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        var linked = await h.Fs.LinkAsync(Alice, f, d, N("g"));
        Assert.Equal(2u, linked.Value.Nlink);
        Assert.True(linked.Value.Ctime > before.Ctime);
        Assert.Equal(f, (await h.Fs.LookupAsync(Alice, d, N("g"))).Value.Id);
        Assert.Equal(FsStatus.Exists, (await h.Fs.LinkAsync(Alice, f, d, N("g"))).Status);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.LinkAsync(Alice, d, PosixFileSystem.RootId, N("d2"))).Status);
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f")));
        Assert.Equal(1u, (await h.AttrAsync(f)).Nlink);
        Assert.Equal(2, h.Fs.GetStatistics().UsedInodes - 1);
    }

    [Fact]
    public async Task Link_PastMaxLinks_IsTooManyLinks()
    {
        await using var h = await OpenAsync(new FileSystemOptions { MaxLinks = 5 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await h.Fs.LinkAsync(Alice, f, PosixFileSystem.RootId, N("l" + i))).IsOk);
        }

        Assert.Equal(FsStatus.TooManyLinks, (await h.Fs.LinkAsync(Alice, f, PosixFileSystem.RootId, N("x"))).Status);
    }

    [Fact]
    public async Task Unlink_RemovesInodeWithLastLink_AndDirectoryIsRejected()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[100_000]);
        await h.Fs.FsyncAsync(f);
        Assert.Equal(100_000, h.Fs.GetStatistics().UsedBytes);
        await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        Assert.Equal(FsStatus.IsDirectory, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("d")));
        Assert.Equal(FsStatus.IsDirectory, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N(".")));
        Assert.Equal(FsStatus.NotFound, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("nope")));
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.RemoveAsync(Bob, PosixFileSystem.RootId, N("f"))); // the root is sticky
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f")));
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(f)).Status);
        Assert.Equal(0, h.Fs.GetStatistics().UsedBytes);
        Assert.Equal(0, await h.CountKeysAsync(0x10));
    }

    [Fact]
    public async Task StickyDirectory_OnlyOwnerOfFileOrDirectoryOrRootRemoves()
    {
        await using var h = await OpenAsync();
        var tmp = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "tmp", 0x3FF);
        await h.CreateFileAsync(Bob, tmp, "bobs");
        await h.CreateFileAsync(Carol, tmp, "carols");
        await h.CreateFileAsync(Carol, tmp, "carols2");
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.RemoveAsync(Carol, tmp, N("bobs")));
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.RenameAsync(Carol, tmp, N("bobs"), tmp, N("x")));
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.RenameAsync(Carol, tmp, N("carols"), tmp, N("bobs")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Bob, tmp, N("bobs")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, tmp, N("carols")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Root, tmp, N("carols2")));
        var plain = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "plain", 0x1FF);
        await h.CreateFileAsync(Bob, plain, "bobs");
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Carol, plain, N("bobs")));
    }

    [Fact]
    public async Task Rmdir_NotEmptyNotDirectoryDotAndLinkCounts()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        await h.CreateFileAsync(Alice, d, "f");
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "file");
        Assert.Equal(FsStatus.NotEmpty, await h.Fs.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("d")));
        Assert.Equal(FsStatus.NotDirectory, await h.Fs.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("file")));
        Assert.Equal(FsStatus.InvalidArgument, await h.Fs.RemoveDirectoryAsync(Alice, d, N(".")));
        Assert.Equal(FsStatus.NotEmpty, await h.Fs.RemoveDirectoryAsync(Alice, d, N("..")));
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.RemoveDirectoryAsync(Bob, PosixFileSystem.RootId, N("d")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, d, N("f")));
        Assert.Equal(3u, (await h.AttrAsync(PosixFileSystem.RootId)).Nlink);
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("d")));
        Assert.Equal(2u, (await h.AttrAsync(PosixFileSystem.RootId)).Nlink);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(d)).Status);
        Assert.Equal(FsStatus.Stale, (await h.Fs.CreateAsync(Alice, d, N("x"), 0x1A4, true)).Status);
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task Remove_WithoutDirectoryWritePermission_IsAccessDenied()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d", 0x1ED);
        await h.CreateFileAsync(Alice, d, "f");
        await h.MkdirAsync(Alice, d, "s");
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.RemoveAsync(Bob, d, N("f")));
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.RemoveDirectoryAsync(Bob, d, N("s")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Root, d, N("f")));
    }
}
