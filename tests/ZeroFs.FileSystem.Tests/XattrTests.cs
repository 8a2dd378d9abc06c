using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class XattrTests
{
    [Fact]
    public async Task UserXattr_SetGetListRemove_WithCreateReplaceFlags()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        Assert.Equal(FsStatus.Ok, await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("1")));
        Assert.True((await h.AttrAsync(f)).Ctime > before.Ctime);
        Assert.Equal(FsStatus.Exists, await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("2"), XattrFlags.Create));
        Assert.Equal(FsStatus.NoData, await h.Fs.SetXattrAsync(Alice, f, N("user.b"), N("2"), XattrFlags.Replace));
        Assert.Equal(FsStatus.Ok, await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("3"), XattrFlags.Replace));
        Assert.Equal(FsStatus.Ok, await h.Fs.SetXattrAsync(Alice, f, N("user.b"), Array.Empty<byte>(), XattrFlags.Create));
        Assert.Equal(N("3"), (await h.Fs.GetXattrAsync(Alice, f, N("user.a"))).Value);
        Assert.Empty((await h.Fs.GetXattrAsync(Alice, f, N("user.b"))).Value);
        Assert.Equal(FsStatus.NoData, (await h.Fs.GetXattrAsync(Alice, f, N("user.c"))).Status);
        Assert.Equal([N("user.a"), N("user.b")], (await h.Fs.ListXattrsAsync(Alice, f)).Value);
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveXattrAsync(Alice, f, N("user.a")));
        Assert.Equal(FsStatus.NoData, await h.Fs.RemoveXattrAsync(Alice, f, N("user.a")));
        Assert.Equal([N("user.b")], (await h.Fs.ListXattrsAsync(Alice, f)).Value);
    }

    [Fact]
    public async Task Xattr_PermissionsNamespacesAndLimits()
    {
        await using var h = await OpenAsync(new FileSystemOptions { MaxXattrValueBytes = 1000 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1A4);
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.SetXattrAsync(Bob, f, N("user.a"), N("1")));
        Assert.Equal(FsStatus.Ok, await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("1")));
        Assert.True((await h.Fs.GetXattrAsync(Bob, f, N("user.a"))).IsOk);
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Mode = 0x180 });
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.GetXattrAsync(Bob, f, N("user.a"))).Status);
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.SetXattrAsync(Alice, f, N("trusted.t"), N("1")));
        Assert.Equal(FsStatus.Ok, await h.Fs.SetXattrAsync(Root, f, N("trusted.t"), N("1")));
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.GetXattrAsync(Alice, f, N("trusted.t"))).Status);
        Assert.Equal([N("user.a")], (await h.Fs.ListXattrsAsync(Alice, f)).Value);
        Assert.Equal(2, (await h.Fs.ListXattrsAsync(Root, f)).Value.Count);
        Assert.Equal(FsStatus.NotSupported, await h.Fs.SetXattrAsync(Root, f, N("security.selinux"), N("1")));
        Assert.Equal(FsStatus.InvalidArgument, await h.Fs.SetXattrAsync(Alice, f, N("user."), N("1")));
        Assert.Equal(FsStatus.TooBig, await h.Fs.SetXattrAsync(Alice, f, N("user.big"), new byte[1001]));
        Assert.Equal(FsStatus.Range, await h.Fs.SetXattrAsync(Alice, f, N("user." + new string('n', 251)), N("1")));
        var link = await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l"), N("f"));
        Assert.Equal(FsStatus.NotPermitted, await h.Fs.SetXattrAsync(Alice, link.Value.Id, N("user.a"), N("1")));
    }

    [Fact]
    public async Task Xattrs_AreDeletedWithTheirInode()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("1"));
        await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f"));
        Assert.Equal(0, await h.CountKeysAsync(0x09));
    }
}
