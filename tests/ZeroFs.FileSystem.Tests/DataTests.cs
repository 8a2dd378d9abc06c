using ZeroFs.Engine;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class DataTests
{
    private const int Chunk = 32 * 1024;

    [Fact]
    public async Task Write_ThenRead_RoundTrips_AndSetsSizeAndTimes()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var before = await h.AttrAsync(f);
        await Task.Delay(2);
        var data = Random(100_000, 1);
        var w = await h.Fs.WriteAsync(Alice, f, 0, data);
        Assert.Equal(100_000, w.Value.Size);
        Assert.True(w.Value.Mtime > before.Mtime && w.Value.Ctime > before.Ctime);
        Assert.Equal(100_000, (await h.AttrAsync(f)).Size);
        Assert.Equal(data, await h.ReadAllAsync(f));
        var tail = new byte[10];
        var r = await h.Fs.ReadAsync(Alice, f, 99_995, tail);
        Assert.Equal((5, true), (r.Value.Count, r.Value.EndOfFile));
        Assert.Equal((0, true), ((await h.Fs.ReadAsync(Alice, f, 200_000, tail)).Value.Count, true));
    }

    [Fact]
    public async Task SparseFile_HolesReadAsZeros_AndStoreNoChunks()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "sparse");
        await h.Fs.WriteAsync(Alice, f, 10L * Chunk + 5, new byte[] { 7, 8, 9 });
        await h.Fs.FsyncAsync(f);
        Assert.Equal(10L * Chunk + 8, (await h.AttrAsync(f)).Size);
        Assert.Equal(1, await h.CountKeysAsync(0x10));
        var all = await h.ReadAllAsync(f);
        Assert.All(all.AsSpan(0, 10 * Chunk + 5).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(new byte[] { 7, 8, 9 }, all[^3..]);
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 1L << 40 });
        var far = new byte[16];
        Assert.Equal(16, (await h.Fs.ReadAsync(Alice, f, (1L << 40) - 16, far)).Value.Count);
        Assert.All(far, b => Assert.Equal(0, b));
        Assert.Equal(1, await h.CountKeysAsync(0x10));
    }

    [Fact]
    public async Task Truncate_ShrinkDeletesChunksAndZeroesTail_GrowReadsZeros()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var data = Random(5 * Chunk, 2);
        await h.Fs.WriteAsync(Alice, f, 0, data);
        await h.Fs.FsyncAsync(f);
        Assert.Equal(5, await h.CountKeysAsync(0x10));
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = Chunk + 100 });
        Assert.Equal(2, await h.CountKeysAsync(0x10));
        Assert.Equal(Chunk + 100, h.Fs.GetStatistics().UsedBytes);
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 3 * Chunk });
        var all = await h.ReadAllAsync(f);
        Assert.Equal(data.AsSpan(0, Chunk + 100).ToArray(), all[..(Chunk + 100)]);
        Assert.All(all[(Chunk + 100)..], b => Assert.Equal(0, b));
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 0 });
        Assert.Equal(0, await h.CountKeysAsync(0x10));
        Assert.Equal(0, h.Fs.GetStatistics().UsedBytes);
    }

    [Fact]
    public async Task Truncate_ManyChunks_DeletesInBoundedBatches()
    {
        await using var h = await OpenAsync(new FileSystemOptions { ReaperBatchChunks = 10 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var data = Random(100 * Chunk, 3);
        await h.Fs.WriteAsync(Alice, f, 0, data);
        await h.Fs.FsyncAsync(f);
        Assert.Equal(100, await h.CountKeysAsync(0x10));
        var size = (5 * Chunk) + 77;
        Assert.True((await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = size })).IsOk);
        Assert.Equal(6, await h.CountKeysAsync(0x10));
        Assert.Equal(0, await h.CountKeysAsync(0x0A));
        Assert.Equal(data[..size], await h.ReadAllAsync(f));
        Assert.Equal(size, h.Fs.GetStatistics().UsedBytes);
    }

    [Fact]
    public async Task Truncate_InterruptedByCrash_IsFinishedAtOpen()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, Random(20 * Chunk, 4));
        await h.Fs.FsyncAsync(f);

        // The state after a staged truncate's first batch: new size and a Truncation record, chunks still there.
        var inode = InodeRecord.Decode(f, (await h.Db.GetValueAsync(KeyCodec.Inode(f)))!);
        inode.Size = 3 * Chunk;
        var from = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(from, 3);
        await h.Db.WriteAsync(new WriteBatch().Put(KeyCodec.Inode(f), inode.Encode()).Put(KeyCodec.Truncation(f), from));
        await h.Db.FlushAsync();
        await h.CrashAndReopenAsync();
        Assert.Equal(3, await h.CountKeysAsync(0x10));
        Assert.Equal(0, await h.CountKeysAsync(0x0A));
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = 10 * Chunk });
        Assert.All((await h.ReadAllAsync(f))[(3 * Chunk)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task Write_ToDirectoryOrWithoutPermission_Fails()
    {
        await using var h = await OpenAsync(new FileSystemOptions { MaxFileSize = 1 << 20 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f", 0x1A4);
        Assert.Equal(FsStatus.IsDirectory, (await h.Fs.WriteAsync(Alice, PosixFileSystem.RootId, 0, new byte[1])).Status);
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.WriteAsync(Bob, f, 0, new byte[1])).Status);
        Assert.Equal(FsStatus.FileTooLarge, (await h.Fs.WriteAsync(Alice, f, (1 << 20) - 1, new byte[2])).Status);
        Assert.Equal(FsStatus.InvalidArgument, (await h.Fs.WriteAsync(Alice, f, -1, new byte[1])).Status);
        Assert.Equal(FsStatus.IsDirectory, (await h.Fs.ReadAsync(Alice, PosixFileSystem.RootId, 0, new byte[1])).Status);
        await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Mode = 0 });
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.ReadAsync(Bob, f, 0, new byte[1])).Status);
        Assert.True((await h.Fs.WriteAsync(Alice, f, 0, new byte[1])).IsOk);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1024 * 1024)]
    [InlineData(3, 64 * 1024)]
    public async Task RandomWrites_MatchByteArrayModel(int seed, int coalesceBytes)
    {
        await using var h = await OpenAsync(new FileSystemOptions { WriteCoalesceBytes = coalesceBytes });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var rng = new Random(seed);
        var model = new byte[600_000];
        var size = 0;
        var offset = 0;
        for (var i = 0; i < 300; i++)
        {
            var op = rng.Next(10);
            if (op < 6)
            {
                var sequential = rng.Next(2) == 0;
                var at = sequential ? offset : rng.Next(model.Length - 70_000);
                var length = rng.Next(1, rng.Next(2) == 0 ? 5000 : 70_000);
                var data = Random(length, rng.Next());
                Assert.True((await h.Fs.WriteAsync(Alice, f, at, data)).IsOk);
                data.CopyTo(model, at);
                size = Math.Max(size, at + length);
                offset = at + length >= model.Length - 70_000 ? 0 : at + length;
            }
            else if (op < 7)
            {
                var newSize = rng.Next(model.Length - 70_000);
                Assert.True((await h.Fs.SetAttributesAsync(Alice, f, new SetAttributes { Size = newSize })).IsOk);
                if (newSize < size)
                {
                    Array.Clear(model, newSize, size - newSize);
                }

                size = newSize;
            }
            else
            {
                var at = rng.Next(size + 10);
                var buffer = new byte[rng.Next(1, 100_000)];
                var r = await h.Fs.ReadAsync(Alice, f, at, buffer);
                var expected = Math.Max(0, Math.Min(buffer.Length, size - at));
                Assert.Equal(expected, r.Value.Count);
                Assert.Equal(model.AsSpan(Math.Min(at, size), expected).ToArray(), buffer[..expected]);
            }

            Assert.Equal(size, (await h.AttrAsync(f)).Size);
        }

        Assert.Equal(model[..size], await h.ReadAllAsync(f));
        await h.Fs.FsyncAsync(f);
        Assert.Equal(size, h.Fs.GetStatistics().UsedBytes);
        await h.ReopenAsync();
        Assert.Equal(model[..size], await h.ReadAllAsync(f));
        Assert.Equal(size, h.Fs.GetStatistics().UsedBytes);
    }

    [Fact]
    public async Task CoalescedWrites_ReachEngineOnFsync_AndGetattrSeesThemBefore()
    {
        await using var h = await OpenAsync(new FileSystemOptions { WriteCoalesceBytes = 1 << 20 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        for (var i = 0; i < 8; i++)
        {
            await h.Fs.WriteAsync(Alice, f, i * 4096L, Random(4096, i));
        }

        Assert.Equal(0, await h.CountKeysAsync(0x10));
        Assert.Equal(8 * 4096, (await h.AttrAsync(f)).Size);
        Assert.Equal(8 * 4096, h.Fs.GetStatistics().UsedBytes);
        Assert.Equal(FsStatus.Ok, await h.Fs.FsyncAsync(f));
        Assert.Equal(1, await h.CountKeysAsync(0x10));
        Assert.Equal(8 * 4096, h.Fs.GetStatistics().UsedBytes);
    }

    [Fact]
    public async Task CoalescingBudget_Exceeded_WritesGoStraightToEngine_AndStayCorrect()
    {
        await using var h = await OpenAsync(new FileSystemOptions { WriteCoalesceTotalBytes = 50_000 });
        var files = new ulong[20];
        var models = new List<byte>[20];
        for (var i = 0; i < files.Length; i++)
        {
            files[i] = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f" + i);
            models[i] = [];
        }

        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < files.Length; i++)
            {
                var data = Random(3000 + round, i * 100 + round);
                Assert.True((await h.Fs.WriteAsync(Alice, files[i], models[i].Count, data)).IsOk);
                models[i].AddRange(data);
            }
        }

        Assert.True(await h.CountKeysAsync(0x10) > 0);
        for (var i = 0; i < files.Length; i++)
        {
            Assert.Equal(models[i].ToArray(), await h.ReadAllAsync(files[i]));
        }

        await h.Fs.SyncAsync();
        Assert.Equal(models.Sum(m => (long)m.Count), h.Fs.GetStatistics().UsedBytes);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Deallocate_RandomPunchesAndWrites_MatchModel_SizeUnchanged(int seed)
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "disk");
        var rng = new Random(seed);
        var model = Random(400_000, seed);
        await h.Fs.WriteAsync(Alice, f, 0, model);
        for (var i = 0; i < 100; i++)
        {
            var at = rng.Next(model.Length);
            var length = rng.Next(0, rng.Next(2) == 0 ? 2000 : 150_000);
            if (rng.Next(3) == 0)
            {
                var data = Random(Math.Min(length, model.Length - at), rng.Next());
                await h.Fs.WriteAsync(Alice, f, at, data);
                data.CopyTo(model, at);
            }
            else
            {
                Assert.Equal(FsStatus.Ok, await h.Fs.DeallocateAsync(Alice, f, at, length));
                Array.Clear(model, at, Math.Min(length, model.Length - at));
            }

            Assert.Equal(model.Length, (await h.AttrAsync(f)).Size);
        }

        Assert.Equal(model, await h.ReadAllAsync(f));
        Assert.Equal(FsStatus.Ok, await h.Fs.DeallocateAsync(Alice, f, 0, long.MaxValue));
        Assert.Equal(0, await h.CountKeysAsync(0x10));
        Assert.Equal(model.Length, (await h.AttrAsync(f)).Size);
        Assert.Equal(model.Length, h.Fs.GetStatistics().UsedBytes);
        Assert.Equal(FsStatus.AccessDenied, await h.Fs.DeallocateAsync(Bob, f, 0, 1));
        Assert.Equal(FsStatus.IsDirectory, await h.Fs.DeallocateAsync(Alice, PosixFileSystem.RootId, 0, 1));
    }

    [Fact]
    public async Task CleanShutdown_DisposingFileSystem_KeepsCoalescedWrites()
    {
        await using var h = await OpenAsync(new FileSystemOptions { WriteCoalesceBytes = 1 << 20 });
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        var data = Random(70_000, 3);
        await h.Fs.WriteAsync(Alice, f, 0, data);
        Assert.Equal(0, await h.CountKeysAsync(0x10));
        await h.Fs.DisposeAsync();
        await h.ReopenAsync();
        Assert.Equal(data, await h.ReadAllAsync(f));
    }

    internal static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
