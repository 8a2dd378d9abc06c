using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class RenameTests
{
    [Fact]
    public async Task Rename_WithinDirectory_KeepsCookie_AndUpdatesTimes()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        var cookie = (await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 2, 10)).Value.Entries[0].Cookie;
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("b")));
        var entry = Assert.Single((await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 2, 10)).Value.Entries);
        Assert.Equal((cookie, f), (entry.Cookie, entry.Id));
        Assert.Equal(N("b"), entry.Name);
        Assert.Equal(FsStatus.NotFound, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N("a"))).Status);
        var after = await h.AttrAsync(f);
        Assert.True(after.Ctime > before.Ctime);
        Assert.Equal(before.Mtime, after.Mtime);
    }

    [Fact]
    public async Task Rename_OverExistingFile_ReplacesAtomically_AndFreesVictim()
    {
        await using var h = await OpenAsync();
        var a = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        var b = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "b");
        await h.Fs.WriteAsync(Alice, b, 0, new byte[5000]);
        await h.Fs.WriteAsync(Alice, a, 0, new byte[10]);
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("b")));
        Assert.Equal(a, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N("b"))).Value.Id);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(b)).Status);
        Assert.Equal(["b"], (await h.ListAsync(PosixFileSystem.RootId)).Skip(2));
        Assert.Equal((10L, 2L), (h.Fs.GetStatistics().UsedBytes, h.Fs.GetStatistics().UsedInodes));
    }

    [Fact]
    public async Task Rename_DirectoryRules()
    {
        await using var h = await OpenAsync();
        var d1 = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d1");
        var d2 = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d2");
        var full = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "full");
        await h.CreateFileAsync(Alice, full, "x");
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "file");
        var sub = await h.MkdirAsync(Alice, d1, "sub");
        Assert.Equal(FsStatus.NotDirectory, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("d1"), PosixFileSystem.RootId, N("file")));
        Assert.Equal(FsStatus.IsDirectory, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("file"), PosixFileSystem.RootId, N("d1")));
        Assert.Equal(FsStatus.NotEmpty, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("d1"), PosixFileSystem.RootId, N("full")));
        Assert.Equal(FsStatus.InvalidArgument, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("d1"), sub, N("x")));
        Assert.Equal(FsStatus.InvalidArgument, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("d1"), d1, N("x")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("d1"), PosixFileSystem.RootId, N("d2")));
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(d2)).Status);
        Assert.Equal(4u, (await h.AttrAsync(PosixFileSystem.RootId)).Nlink);
        var newParent = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "np");
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, d1, N("sub"), newParent, N("sub")));
        Assert.Equal((2u, 3u), ((await h.AttrAsync(d1)).Nlink, (await h.AttrAsync(newParent)).Nlink));
        Assert.Equal(newParent, (await h.Fs.LookupAsync(Alice, sub, N(".."))).Value.Id);
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task Rename_DirectoryOverEmptyDirectoryInOtherParent_FixesLinkCounts()
    {
        await using var h = await OpenAsync();
        var p1 = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "p1");
        var p2 = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "p2");
        var moved = await h.MkdirAsync(Alice, p1, "m");
        await h.MkdirAsync(Alice, moved, "child");
        var victim = await h.MkdirAsync(Alice, p2, "v");
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, p1, N("m"), p2, N("v")));
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(victim)).Status);
        Assert.Equal((2u, 3u, 3u), ((await h.AttrAsync(p1)).Nlink, (await h.AttrAsync(p2)).Nlink, (await h.AttrAsync(moved)).Nlink));
        Assert.Equal(p2, (await h.Fs.LookupAsync(Alice, moved, N(".."))).Value.Id);
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task Rename_DirectoryToOtherParent_NeedsWriteOnIt_ForNonRoot()
    {
        await using var h = await OpenAsync();
        var src = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "src", 0x1FF);
        var dst = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "dst", 0x1FF);
        await h.MkdirAsync(Alice, src, "ro", 0x16D);
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.RenameAsync(Bob, src, N("ro"), dst, N("ro")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Bob, src, N("ro"), src, N("ro2")));
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Root, src, N("ro2"), dst, N("ro")));
    }

    [Fact]
    public async Task Rename_NoReplaceAndExchange()
    {
        await using var h = await OpenAsync();
        var a = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        Assert.Equal(FsStatus.Exists, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("d"), RenameFlags.NoReplace));
        Assert.Equal(FsStatus.NotFound, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("zz"), RenameFlags.Exchange));
        var inner = await h.MkdirAsync(Alice, d, "inner");
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), d, N("inner"), RenameFlags.Exchange));
        Assert.Equal(inner, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N("a"))).Value.Id);
        Assert.Equal(a, (await h.Fs.LookupAsync(Alice, d, N("inner"))).Value.Id);
        Assert.Equal(PosixFileSystem.RootId, (await h.Fs.LookupAsync(Alice, inner, N(".."))).Value.Id);
        Assert.Equal((4u, 2u), ((await h.AttrAsync(PosixFileSystem.RootId)).Nlink, (await h.AttrAsync(d)).Nlink));
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("fresh"), RenameFlags.NoReplace));
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task Rename_SameInode_IsNoOp_AndMissingSourceNotFound()
    {
        await using var h = await OpenAsync();
        var a = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        await h.Fs.LinkAsync(Alice, a, PosixFileSystem.RootId, N("b"));
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N("b")));
        Assert.Equal(["a", "b"], (await h.ListAsync(PosixFileSystem.RootId)).Skip(2).Order());
        Assert.Equal(FsStatus.NotFound, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("zz"), PosixFileSystem.RootId, N("c")));
        Assert.Equal(FsStatus.InvalidArgument, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("."), PosixFileSystem.RootId, N("c")));
        Assert.Equal(FsStatus.NameTooLong, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("a"), PosixFileSystem.RootId, N(new string('x', 256))));
    }

    [Fact]
    public async Task Rename_AcrossDirectories_GetsNewCookie_OldDirectoryLosesEntry()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("f"), d, N("g")));
        Assert.Equal(["d"], (await h.ListAsync(PosixFileSystem.RootId)).Skip(2));
        Assert.Equal(["g"], (await h.ListAsync(d)).Skip(2));
        Assert.Equal(FsStatus.NotEmpty, await h.Fs.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("d")));
    }
}
