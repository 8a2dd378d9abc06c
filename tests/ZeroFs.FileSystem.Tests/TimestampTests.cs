using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

/// <summary>pjdfstest's timestamp rules: mtime/ctime on writes and entry changes, ctime on status changes.</summary>
public class TimestampTests
{
    private static Task TickAsync() => Task.Delay(2);

    [Fact]
    public async Task EntryChanges_UpdateParentMtimeAndCtime()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        async Task<InodeAttributes> Changed(Func<Task> action)
        {
            var before = await h.AttrAsync(d);
            await TickAsync();
            await action();
            var after = await h.AttrAsync(d);
            Assert.True(after.Mtime > before.Mtime && after.Ctime > before.Ctime);
            return after;
        }

        await Changed(() => h.CreateFileAsync(Alice, d, "f"));
        await Changed(() => h.MkdirAsync(Alice, d, "s"));
        await Changed(async () => await h.Fs.SymlinkAsync(Alice, d, N("l"), N("t")));
        await Changed(async () => await h.Fs.MakeNodeAsync(Alice, d, N("p"), FileType.Fifo, 0x1A4, 0));
        await Changed(async () => await h.Fs.LinkAsync(Alice, (await h.Fs.LookupAsync(Alice, d, N("f"))).Value.Id, d, N("f2")));
        await Changed(async () => await h.Fs.RenameAsync(Alice, d, N("f2"), d, N("f3")));
        await Changed(async () => await h.Fs.RemoveAsync(Alice, d, N("f3")));
        await Changed(async () => await h.Fs.RemoveDirectoryAsync(Alice, d, N("s")));
    }

    [Fact]
    public async Task StatusChanges_UpdateCtimeOnly_WritesUpdateMtimeAndCtime()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        async Task Check(Func<Task> action, bool mtime)
        {
            var before = await h.AttrAsync(f);
            await TickAsync();
            await action();
            var after = await h.AttrAsync(f);
            Assert.True(after.Ctime > before.Ctime, "ctime");
            Assert.Equal(mtime, after.Mtime > before.Mtime);
            Assert.Equal(before.Atime, after.Atime);
        }

        await Check(async () => await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Mode = 0x1B6 }), mtime: false);
        await Check(async () => await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Gid = 1000 }), mtime: false);
        await Check(async () => await h.Fs.LinkAsync(Alice, f, PosixFileSystem.RootId, N("g")), mtime: false);
        await Check(async () => await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("g")), mtime: false);
        await Check(async () => await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("f"), PosixFileSystem.RootId, N("f2")), mtime: false);
        await Check(async () => await h.Fs.SetXattrAsync(Alice, f, N("user.x"), N("1")), mtime: false);
        await Check(async () => await h.Fs.WriteAsync(Alice, f, 0, new byte[10]), mtime: true);
        await Check(async () => await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 3 }), mtime: true);
        var buffer = new byte[3];
        var before = await h.AttrAsync(f);
        await h.Fs.ReadAsync(Alice, f, 0, buffer);
        Assert.Equal(before, await h.AttrAsync(f));
    }

    [Fact]
    public async Task Create_SetsAllFourTimesEqual()
    {
        await using var h = await OpenAsync();
        var a = await h.AttrAsync(await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f"));
        Assert.Equal(a.Atime, a.Mtime);
        Assert.Equal(a.Mtime, a.Ctime);
        Assert.Equal(a.Ctime, a.Crtime);
        Assert.True(a.Crtime > 1_600_000_000L * 1_000_000_000);
    }
}
