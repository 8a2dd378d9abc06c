using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Storage;
using ZeroFs.ObjectStore;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class CrashTests
{
    [Fact]
    public async Task CrashWithoutClose_AfterFsync_TreeConsistentAndDataIntact()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        var f = await h.CreateFileAsync(Alice, d, "f");
        var data = DataTests.Random(300_000, 4);
        await h.Fs.WriteAsync(Alice, f, 0, data);
        await h.Fs.FsyncAsync(f);
        await h.CreateFileAsync(Alice, d, "unsynced");
        await h.CrashAndReopenAsync();
        await Fsck.CheckAsync(h.Db);
        var found = await h.Fs.LookupAsync(Alice, d, N("f"));
        Assert.Equal(data, await h.ReadAllAsync(found.Value.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CrashAtRandomStoreStep_ReopenIsConsistent_FsyncedFilesIntact(int seed)
    {
        var inner = new MemoryObjectStore();
        using var key = DataKey.Generate();
        var rng = new Random(seed);
        var faulty = new FaultInjectingObjectStore(inner, new FaultPlan { CrashAtStep = 20 + rng.Next(60), CrashAfterEffect = rng.Next(2) == 0 });
        var synced = new Dictionary<string, byte[]>();
        var db = await Db.OpenWriterAsync(faulty, null, key, FsHarness.EngineOptions, TimeProvider.System);
        try
        {
            var fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(db), new FileSystemOptions(), TimeProvider.System);
            for (var i = 0; !faulty.HasCrashed && i < 400; i++)
            {
                var name = "f" + rng.Next(30);
                var op = rng.Next(6);
                var existing = await fs.LookupAsync(Alice, PosixFileSystem.RootId, N(name));
                if (op == 0 && existing.IsOk)
                {
                    synced.Remove(name);
                    await fs.RemoveAsync(Alice, PosixFileSystem.RootId, N(name));
                }
                else if (op == 1 && existing.IsOk)
                {
                    var to = "f" + rng.Next(30);
                    synced.Remove(to);
                    synced.Remove(name);
                    await fs.RenameAsync(Alice, PosixFileSystem.RootId, N(name), PosixFileSystem.RootId, N(to));
                }
                else
                {
                    synced.Remove(name);
                    var created = await fs.CreateAsync(Alice, PosixFileSystem.RootId, N(name), 0x1A4, false);
                    var data = DataTests.Random(rng.Next(1, 100_000), rng.Next());
                    await fs.SetAttributesAsync(Alice, created.Value.Id, new SetAttributes { Size = 0 });
                    await fs.WriteAsync(Alice, created.Value.Id, 0, data);
                    if (rng.Next(3) == 0)
                    {
                        await fs.FsyncAsync(created.Value.Id);
                        synced[name] = data;
                    }
                }
            }
        }
        catch (Exception ex) when (faulty.HasCrashed || ex is SimulatedCrashException or EngineFailedException or ObjectDisposedException)
        {
        }

        Assert.True(faulty.HasCrashed, "the workload ended before the planned crash");
        await using var reopened = await Db.OpenWriterAsync(inner, null, key, FsHarness.EngineOptions, TimeProvider.System);
        var again = await PosixFileSystem.OpenAsync(new DbFileSystemStore(reopened), new FileSystemOptions(), TimeProvider.System);
        await Fsck.CheckAsync(reopened);
        foreach (var (name, data) in synced)
        {
            var entry = await again.LookupAsync(Alice, PosixFileSystem.RootId, N(name));
            Assert.True(entry.IsOk, $"fsynced {name} is gone");
            Assert.Equal(data.Length, entry.Value.Size);
            var buffer = new byte[data.Length];
            await again.ReadAsync(Alice, entry.Value.Id, 0, buffer);
            Assert.Equal(data, buffer);
        }

        try
        {
            await db.DisposeAsync();
        }
        catch (Exception)
        {
            // The crashed writer cannot close cleanly.
        }
    }
}
