using ZeroFs.Engine;
using ZeroFs.Engine.Readers;
using ZeroFs.FileSystem.Storage;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class QuotaReadOnlyTests
{
    [Fact]
    public async Task Quota_WriteAndTruncatePastMax_AreNoSpace_BeforeGrowth()
    {
        await using var h = await OpenAsync(new FileSystemOptions { MaxSizeBytes = 100_000 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        Assert.True((await h.Fs.WriteAsync(Alice, f, 0, new byte[60_000])).IsOk);
        Assert.Equal(FsStatus.NoSpace, (await h.Fs.WriteAsync(Alice, f, 60_000, new byte[50_000])).Status);
        Assert.Equal(60_000, (await h.AttrAsync(f)).Size);
        Assert.True((await h.Fs.WriteAsync(Alice, f, 0, new byte[60_000])).IsOk);
        Assert.Equal(FsStatus.NoSpace, (await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 100_001 })).Status);
        Assert.True((await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 100_000 })).IsOk);
        Assert.Equal(FsStatus.NoSpace, (await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("g"), 0x1A4, true)).Status);
        var stats = h.Fs.GetStatistics();
        Assert.Equal((100_000L, 100_000L, 0L), (stats.TotalBytes, stats.UsedBytes, stats.FreeBytes));
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f")));
        Assert.Equal(100_000, h.Fs.GetStatistics().FreeBytes);
        Assert.True((await h.Fs.CreateAsync(Alice, PosixFileSystem.RootId, N("g"), 0x1A4, true)).IsOk);
    }

    [Fact]
    public async Task ReadOnlyFileSystem_OverReader_ReadsWork_EveryMutationIsReadOnly()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        var f = await h.CreateFileAsync(Alice, d, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[] { 1, 2, 3 });
        await h.Fs.SetXattrAsync(Alice, f, N("user.a"), N("v"));
        await h.Fs.SyncAsync();
        await h.ReopenAsync();
        await using var reader = await Db.OpenReaderAsync(h.Store, null, h.Key, ReaderOptions.Follow(), TimeProvider.System);
        var ro = await PosixFileSystem.OpenAsync(new ReaderFileSystemStore(reader), new FileSystemOptions(), TimeProvider.System);
        Assert.True(ro.IsReadOnly);
        Assert.Equal(f, (await ro.LookupAsync(Alice, d, N("f"))).Value.Id);
        var buffer = new byte[3];
        Assert.Equal(3, (await ro.ReadAsync(Alice, f, 0, buffer)).Value.Count);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer);
        Assert.Equal(3, (await ro.ReadDirectoryAsync(Alice, d, 0, 10)).Value.Entries.Count);
        Assert.Equal(N("v"), (await ro.GetXattrAsync(Alice, f, N("user.a"))).Value);
        Assert.Equal(3, ro.GetStatistics().UsedBytes);
        const FsStatus Rofs = FsStatus.ReadOnlyFileSystem;
        Assert.Equal(Rofs, (await ro.CreateAsync(Alice, d, N("x"), 0x1A4, true)).Status);
        Assert.Equal(Rofs, (await ro.MakeDirectoryAsync(Alice, d, N("x"), 0x1ED)).Status);
        Assert.Equal(Rofs, (await ro.MakeNodeAsync(Alice, d, N("x"), FileType.Fifo, 0x1A4, 0)).Status);
        Assert.Equal(Rofs, (await ro.SymlinkAsync(Alice, d, N("x"), N("t"))).Status);
        Assert.Equal(Rofs, (await ro.LinkAsync(Alice, f, d, N("x"))).Status);
        Assert.Equal(Rofs, await ro.RemoveAsync(Alice, d, N("f")));
        Assert.Equal(Rofs, await ro.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("d")));
        Assert.Equal(Rofs, await ro.RenameAsync(Alice, d, N("f"), d, N("g")));
        Assert.Equal(Rofs, (await ro.WriteAsync(Alice, f, 0, new byte[1])).Status);
        Assert.Equal(Rofs, (await ro.SetAttributesAsync(Alice, f, new SetAttributes { Mode = 0 })).Status);
        Assert.Equal(Rofs, await ro.SetXattrAsync(Alice, f, N("user.b"), N("v")));
        Assert.Equal(Rofs, await ro.RemoveXattrAsync(Alice, f, N("user.a")));
        Assert.Equal(Rofs, await ro.AccessAsync(Alice, f, AccessMask.Write));
        Assert.Equal(FsStatus.Ok, await ro.AccessAsync(Alice, f, AccessMask.Read));
        Assert.Equal(FsStatus.Ok, await ro.FsyncAsync(f));
        ro.OpenHandle(f);
        Assert.Equal(FsStatus.Ok, await ro.ReleaseAsync(f));

        // The follower catches up with later writes after a refresh.
        await h.Fs.WriteAsync(Alice, f, 3, new byte[97]);
        await h.Fs.SyncAsync();
        await reader.RefreshAsync();
        await ro.RefreshAsync();
        Assert.Equal(100, ro.GetStatistics().UsedBytes);
        Assert.Equal(100, (await ro.GetAttributesAsync(f)).Value.Size);
    }

    [Fact]
    public async Task ReadOnlyOpen_OfEmptyStore_Throws()
    {
        await using var h = await OpenAsync();
        var empty = new ZeroFs.ObjectStore.MemoryObjectStore();
        await using (var db = await Db.OpenWriterAsync(empty, null, h.Key, FsHarness.EngineOptions, TimeProvider.System))
        {
            await db.PutAsync("x"u8, "y"u8);
            await db.FlushAsync();
        }

        await using var reader = await Db.OpenReaderAsync(empty, null, h.Key, ReaderOptions.Follow(), TimeProvider.System);
        await Assert.ThrowsAsync<InvalidOperationException>(() => PosixFileSystem.OpenAsync(new ReaderFileSystemStore(reader), new FileSystemOptions(), TimeProvider.System));
    }
}
