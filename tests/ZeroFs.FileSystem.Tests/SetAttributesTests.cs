using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class SetAttributesTests
{
    private static SetAttributes Chmod(uint mode) => new() { Mode = mode };

    [Fact]
    public async Task Chmod_ByOwnerUpdatesCtime_ByOtherIsNotPermitted()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        var r = await h.Fs.SetAttributesAsync(Alice, f, Chmod(0x180));
        Assert.Equal(0x180u, r.Value.Mode);
        Assert.True(r.Value.Ctime > before.Ctime);
        Assert.Equal(before.Mtime, r.Value.Mtime);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Bob, f, Chmod(0x1FF))).Status);
        Assert.Equal(0x1FFu, (await h.Fs.SetAttributesAsync(Root, f, Chmod(0x1FF))).Value.Mode);
    }

    [Fact]
    public async Task Chmod_SetGidByNonMember_ClearsSetGid_MemberKeepsIt()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.SetAttributesAsync(Root, f, new SetAttributes { Gid = 3000 });
        Assert.Equal(0x1EDu, (await h.Fs.SetAttributesAsync(Alice, f, Chmod(0x400 | 0x1ED))).Value.Mode);
        await h.Fs.SetAttributesAsync(Root, f, new SetAttributes { Gid = 1000 });
        Assert.Equal(0x5EDu, (await h.Fs.SetAttributesAsync(Alice, f, Chmod(0x400 | 0x1ED))).Value.Mode);
        Assert.Equal(0xDEDu, (await h.Fs.SetAttributesAsync(Root, f, Chmod(0xC00 | 0x1ED))).Value.Mode);
    }

    [Fact]
    public async Task Chown_OnlyRootChangesOwner_OwnerMayChangeGroupToMemberGroup()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Carol, PosixFileSystem.RootId, "f");
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Carol, f, new SetAttributes { Uid = 1000 })).Status);
        Assert.Equal(1002u, (await h.Fs.SetAttributesAsync(Carol, f, new SetAttributes { Uid = 1002 })).Value.Uid);
        Assert.Equal(1000u, (await h.Fs.SetAttributesAsync(Carol, f, new SetAttributes { Gid = 1000 })).Value.Gid);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Carol, f, new SetAttributes { Gid = 4242 })).Status);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Gid = 1000 })).Status);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Uid = 1002 })).Status);
        var r = await h.Fs.SetAttributesAsync(Root, f, new SetAttributes { Uid = 7, Gid = 8 });
        Assert.Equal((7u, 8u), (r.Value.Uid, r.Value.Gid));
    }

    [Fact]
    public async Task Chown_ClearsSetUidAndSetGid_OnFilesNotDirectories()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.SetAttributesAsync(Root, f, Chmod(0xDED));
        Assert.Equal(0x1EDu, (await h.Fs.SetAttributesAsync(Root, f, new SetAttributes { Uid = 1001 })).Value.Mode);
        var g = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "g");
        await h.Fs.SetAttributesAsync(Alice, g, Chmod(0x400 | 0x1A4));
        var sgidNoExec = (await h.AttrAsync(g)).Mode;
        Assert.NotEqual(0u, sgidNoExec & 0x400);
        Assert.Equal(sgidNoExec & ~0x800u, (await h.Fs.SetAttributesAsync(Alice, g, new SetAttributes { Gid = 1000 })).Value.Mode);
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        await h.Fs.SetAttributesAsync(Root, d, Chmod(0xDED));
        Assert.Equal(0xDEDu, (await h.Fs.SetAttributesAsync(Root, d, new SetAttributes { Uid = 1001 })).Value.Mode);
    }

    [Fact]
    public async Task Write_ByNonRoot_ClearsSetUid_RootWriteKeepsIt()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1FF);
        await h.Fs.SetAttributesAsync(Alice, f, Chmod(0xDFF));
        await h.Fs.WriteAsync(Root, f, 0, new byte[] { 1 });
        Assert.Equal(0xDFFu, (await h.AttrAsync(f)).Mode);
        await h.Fs.WriteAsync(Bob, f, 1, new byte[] { 1 });
        Assert.Equal(0x1FFu, (await h.AttrAsync(f)).Mode);
    }

    [Fact]
    public async Task TruncateByNonOwner_WithModeClearingOnlySetIdBits_IsAllowed_AnyOtherModeChangeIsNot()
    {
        // Kernel clients send "truncate by someone else" as size + a mode without suid/sgid in one setattr.
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1FF);
        await h.Fs.SetAttributesAsync(Alice, f, Chmod(0xDFF)); // 06777
        var kill = await h.Fs.SetAttributesAsync(Bob, f, new SetAttributes { Size = 0, Mode = 0x1FF });
        Assert.Equal(FsStatus.Ok, kill.Status);
        Assert.Equal(0x1FFu, kill.Value.Mode);

        await h.Fs.SetAttributesAsync(Alice, f, Chmod(0xDFF));
        Assert.Equal(FsStatus.Ok, (await h.Fs.SetAttributesAsync(Bob, f, new SetAttributes { Size = 1, Mode = 0x9FF })).Status); // sgid only
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Bob, f, new SetAttributes { Size = 0, Mode = 0x1FD })).Status);
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Bob, f, Chmod(0xFFF))).Status); // adding bits
    }

    [Fact]
    public async Task Utimens_ExplicitTimesNeedOwner_NowNeedsWritePermission()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1A4);
        var explicitTimes = new SetAttributes { Atime = TimeSetting.At(1_000_000_000), Mtime = TimeSetting.At(2_000_000_123) };
        var r = await h.Fs.SetAttributesAsync(Alice, f, explicitTimes);
        Assert.Equal((1_000_000_000L, 2_000_000_123L), (r.Value.Atime, r.Value.Mtime));
        Assert.Equal(FsStatus.NotPermitted, (await h.Fs.SetAttributesAsync(Bob, f, explicitTimes)).Status);
        var now = new SetAttributes { Atime = TimeSetting.Now, Mtime = TimeSetting.Now };
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.SetAttributesAsync(Bob, f, now)).Status);
        await h.Fs.SetAttributesAsync(Alice, f, Chmod(0x1B6));
        Assert.True((await h.Fs.SetAttributesAsync(Bob, f, now)).Value.Mtime > 2_000_000_123L);
        var omit = await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Atime = TimeSetting.At(5), Mtime = TimeSetting.Omit });
        Assert.Equal(5L, omit.Value.Atime);
        Assert.True(omit.Value.Mtime > 2_000_000_123L);
        Assert.True((await h.Fs.SetAttributesAsync(Root, f, explicitTimes)).IsOk);
        var unchanged = await h.AttrAsync(f);
        await Task.Delay(2);
        Assert.Equal(unchanged, (await h.Fs.SetAttributesAsync(Bob, f, new SetAttributes())).Value);
        Assert.Equal(unchanged, await h.AttrAsync(f));
    }

    [Fact]
    public async Task Truncate_Rules()
    {
        await using var h = await OpenAsync(new FileSystemOptions { MaxFileSize = 1L << 30 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1A4);
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        Assert.Equal(FsStatus.IsDirectory, (await h.Fs.SetAttributesAsync(Alice, d, new SetAttributes { Size = 0 })).Status);
        Assert.Equal(FsStatus.FileTooLarge, (await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = (1L << 30) + 1 })).Status);
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = -1 })).Status);
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.SetAttributesAsync(Bob, f, new SetAttributes { Size = 10 })).Status);
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        var r = await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 1234 });
        Assert.Equal(1234, r.Value.Size);
        Assert.True(r.Value.Mtime > before.Mtime && r.Value.Ctime > before.Ctime);
        var link = await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l"), N("f"));
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.SetAttributesAsync(Alice, link.Value.Id, new SetAttributes { Size = 0 })).Status);
    }

    [Fact]
    public async Task Chmod_OfSymlink_IsNotSupported_ChownWorks()
    {
        await using var h = await OpenAsync();
        var link = (await h.Fs.SymlinkAsync(Alice, PosixFileSystem.RootId, N("l"), N("target"))).Value.Id;
        Assert.Equal(FsStatus.NotSupported, (await h.Fs.SetAttributesAsync(Alice, link, Chmod(0x1A4))).Status);
        Assert.Equal(5u, (await h.Fs.SetAttributesAsync(Root, link, new SetAttributes { Uid = 5 })).Value.Uid);
    }

    [Fact]
    public async Task Access_ChecksClassesAndRootBypass()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1E4);
        Assert.Equal(FsStatus.Ok, await h.Fs.AccessAsync(Alice, f, AccessMask.Read | AccessMask.Write | AccessMask.Execute));
        Assert.Equal(FsStatus.Ok, await h.Fs.AccessAsync(Bob, f, AccessMask.Read));
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.AccessAsync(Bob, f, AccessMask.Write));
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.AccessAsync(Bob, f, AccessMask.Execute));
        Assert.Equal(FsStatus.Ok, await h.Fs.AccessAsync(Root, f, AccessMask.Write | AccessMask.Execute));
        var g = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "g", 0x1A4);
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.AccessAsync(Root, g, AccessMask.Execute));
        Assert.Equal(FsStatus.Ok, await h.Fs.AccessAsync(Carol, g, AccessMask.Read));
        await h.Fs.SetAttributesAsync(Alice, g, new SetAttributes { Mode = 0x104 });
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.AccessAsync(Carol, g, AccessMask.Read));
        Assert.Equal(FsStatus.Ok, await h.Fs.AccessAsync(Bob, g, AccessMask.Read));
    }
}
