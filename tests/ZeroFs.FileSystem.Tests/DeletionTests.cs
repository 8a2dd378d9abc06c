using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using ZeroFs.FileSystem.Gc;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class DeletionTests
{
    private const byte ChunkKind = 0x10;
    private const byte TombstoneKind = 0x07;
    private const byte OrphanKind = 0x08;

    [Fact]
    public async Task LargeFileDelete_ReturnsAtOnce_ReaperRemovesEveryChunk()
    {
        await using var h = await OpenAsync(new FileSystemOptions { ReaperBatchChunks = 500 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "big");
        var block = new byte[1 << 20];
        new Random(5).NextBytes(block);
        for (var i = 0; i < 64; i++)
        {
            await h.Fs.WriteAsync(Alice, f, (long)i << 20, block);
        }

        await h.Fs.FsyncAsync(f);
        Assert.Equal(2048, await h.CountKeysAsync(ChunkKind));
        var sw = Stopwatch.StartNew();
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("big")));
        var elapsed = sw.Elapsed;
        Assert.Equal(1, await h.CountKeysAsync(TombstoneKind));
        Assert.Equal(2048, await h.CountKeysAsync(ChunkKind));
        Assert.Equal(0, h.Fs.GetStatistics().UsedBytes);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), elapsed.ToString());
        await using var reaper = new ChunkReaper(h.Fs, TimeProvider.System);
        Assert.Equal(500, await reaper.ReapOnceAsync());
        Assert.Equal(1548, await h.CountKeysAsync(ChunkKind));
        await reaper.ReapAllAsync();
        Assert.Equal(0, await h.CountKeysAsync(ChunkKind));
        Assert.Equal(0, await h.CountKeysAsync(TombstoneKind));
    }

    [Fact]
    public async Task Reaper_RunningInBackground_IsWokenByDeletes()
    {
        await using var h = await OpenAsync(new FileSystemOptions { InlineDeleteChunks = 0, ReaperIdleInterval = TimeSpan.FromMinutes(5) });
        await using var reaper = new ChunkReaper(h.Fs, TimeProvider.System);
        reaper.Start();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[100_000]);
        await h.Fs.FsyncAsync(f);
        await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f"));
        for (var i = 0; i < 500 && await h.CountKeysAsync(ChunkKind) > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await h.CountKeysAsync(ChunkKind));
        await reaper.StopAsync();
    }

    [Fact]
    public async Task BackgroundLoop_PushesCoalescedWrites_OnItsTick()
    {
        await using var h = await OpenAsync(new FileSystemOptions { WriteCoalesceBytes = 1 << 20, ReaperIdleInterval = TimeSpan.FromSeconds(1) });
        var clock = new FakeTimeProvider();
        await using var reaper = new ChunkReaper(h.Fs, clock);
        reaper.Start();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[5000]);
        Assert.Equal(0, await h.CountKeysAsync(ChunkKind));
        for (var i = 0; i < 500 && await h.CountKeysAsync(ChunkKind) == 0; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.Equal(1, await h.CountKeysAsync(ChunkKind));
        await reaper.StopAsync();
    }

    [Fact]
    public async Task OpenUnlinkedFile_StaysReadableUntilRelease_ThenIsReclaimed()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var data = DataTests.Random(50_000, 9);
        await h.Fs.WriteAsync(Alice, f, 0, data);
        h.Fs.OpenHandle(f);
        h.Fs.OpenHandle(f);
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f")));
        Assert.Equal(FsStatus.NotFound, (await h.Fs.LookupAsync(Alice, PosixFileSystem.RootId, N("f"))).Status);
        Assert.Equal(0u, (await h.AttrAsync(f)).Nlink);
        Assert.Equal(data, await h.ReadAllAsync(f));
        Assert.True((await h.Fs.WriteAsync(Alice, f, 50_000, new byte[] { 1 })).IsOk);
        Assert.Equal(1, await h.CountKeysAsync(OrphanKind));
        await h.Fs.ReleaseAsync(f);
        Assert.Equal(50_001, (await h.AttrAsync(f)).Size);
        await h.Fs.ReleaseAsync(f);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(f)).Status);
        Assert.Equal(0, await h.CountKeysAsync(OrphanKind));
        Assert.Equal(0, await h.CountKeysAsync(ChunkKind));
        Assert.Equal((0L, 1L), (h.Fs.GetStatistics().UsedBytes, h.Fs.GetStatistics().UsedInodes));
    }

    [Fact]
    public async Task OpenRemovedDirectory_RejectsNewEntries_AndIsReclaimedAtRelease()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        h.Fs.OpenHandle(d);
        Assert.Equal(FsStatus.Ok, await h.Fs.RemoveDirectoryAsync(Alice, PosixFileSystem.RootId, N("d")));
        Assert.Equal(FsStatus.NotFound, (await h.Fs.CreateAsync(Alice, d, N("x"), 0x1A4, true)).Status);
        Assert.Equal(FsStatus.NotFound, (await h.Fs.ReadDirectoryAsync(Alice, d, 0, 10)).Status);
        await Fsck.CheckAsync(h.Db);
        await h.Fs.ReleaseAsync(d);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(d)).Status);
        Assert.Equal(0, await h.CountKeysAsync(OrphanKind));
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task OrphanLeftByCrash_IsReclaimedAtStartup()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[40_000]);
        h.Fs.OpenHandle(f);
        await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("f"));
        await h.Fs.SyncAsync();
        await h.CrashAndReopenAsync();
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(f)).Status);
        Assert.Equal(0, await h.CountKeysAsync(OrphanKind));
        Assert.Equal(0, await h.CountKeysAsync(ChunkKind));
        Assert.Equal((0L, 1L), (h.Fs.GetStatistics().UsedBytes, h.Fs.GetStatistics().UsedInodes));
    }

    [Fact]
    public async Task RenameOverOpenFile_KeepsVictimReadableUntilRelease()
    {
        await using var h = await OpenAsync();
        var victim = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "victim");
        await h.Fs.WriteAsync(Alice, victim, 0, new byte[] { 42 });
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "new");
        h.Fs.OpenHandle(victim);
        Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, PosixFileSystem.RootId, N("new"), PosixFileSystem.RootId, N("victim")));
        Assert.Equal(new byte[] { 42 }, await h.ReadAllAsync(victim));
        await h.Fs.ReleaseAsync(victim);
        Assert.Equal(FsStatus.Stale, (await h.Fs.GetAttributesAsync(victim)).Status);
        Assert.Equal(2, h.Fs.GetStatistics().UsedInodes);
    }
}
