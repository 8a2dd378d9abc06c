using System.Text;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

public sealed class DbBasicTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task PutGetDeleteScan_Memtable_SeesLatest()
    {
        await using var db = await _h.OpenAsync();
        var s1 = await db.PutAsync(K("a"), K("1"));
        var s2 = await db.PutAsync(K("b"), K("2"));
        await db.PutAsync(K("c"), K("3"));
        await db.DeleteAsync(K("b"));
        Assert.True(s2 > s1);
        Assert.Equal(K("1"), await db.GetValueAsync(K("a")));
        Assert.Null(await db.GetValueAsync(K("b")));
        Assert.Equal([("a", "1"), ("c", "3")], await ScanAllAsync(db));
    }

    [Fact]
    public async Task Reopen_AfterCleanClose_SeesEverything()
    {
        await using (var db = await _h.OpenAsync())
        {
            for (var i = 0; i < 2000; i++)
            {
                await db.PutAsync(K(i), V(i));
            }

            await db.DeleteAsync(K(7));
        }

        Assert.NotEmpty(await _h.Store.ListAllAsync("sst/"));
        await using var reopened = await _h.OpenAsync();
        Assert.Equal(2, (long)reopened.Epoch);
        Assert.Equal(V(5), await reopened.GetValueAsync(K(5)));
        Assert.Null(await reopened.GetValueAsync(K(7)));
        Assert.Equal(1999, (await ScanAllAsync(reopened)).Count);
    }

    [Fact]
    public async Task Batch_IsAtomic_OneSeq()
    {
        await using var db = await _h.OpenAsync();
        var batch = new WriteBatch().Put(K("x"), K("1")).Put(K("y"), K("2"));
        var seq = await db.WriteAsync(batch);
        using var before = db.GetSnapshot();
        await db.PutAsync(K("x"), K("3"));
        Assert.Equal((ulong)seq, before.Seq);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var r = await before.GetAsync(K("x"), buffer);
        Assert.Equal(LookupStatus.Found, r.Status);
        Assert.Equal("1", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(K("3"), await db.GetValueAsync(K("x")));
    }

    [Fact]
    public async Task WriteAfterClose_Throws()
    {
        var db = await _h.OpenAsync();
        await db.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await db.PutAsync(K("a"), K("1")));
    }

    [Fact]
    public async Task WalDisabled_WaitDurableForcesPublish_AndSurvivesCrash()
    {
        var options = Options with { WalEnabled = false };
        var crashable = new FaultInjectingObjectStore(_h.Store, FaultPlan.None);
        var db = await _h.OpenAsync(crashable, options);
        var seq = await db.PutAsync(K("a"), K("1"));
        await db.WaitDurableAsync(seq).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(await _h.Store.ListAllAsync("wal/"), m => m.Size > 0);

        // Abandon without close: only the publish can have saved the write.
        await using var reopened = await _h.OpenAsync(options: options);
        Assert.Equal(K("1"), await reopened.GetValueAsync(K("a")));
        await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ObjectsWithoutManifest_Refused()
    {
        await _h.Store.PutAsync("sst/01ARZ3NDEKTSV4RRFFQ69G5FAV.sst", new byte[] { 1 }, PutCondition.CreateOnly);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _h.OpenAsync());
        Assert.Contains("no manifest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeparateWalStore_DurableAndSurvivesReopen_MismatchRefused()
    {
        var wal = new MemoryObjectStore();
        var options = Options with { WalStoreTag = "nvme0" };
        var db = await _h.OpenAsync(options: options, wal: wal);
        var seq = await db.PutAsync(K("a"), K("1"));
        await db.WaitDurableAsync(seq);
        Assert.Contains(await wal.ListAllAsync("wal/"), m => m.Size > 0);
        Assert.Empty(await _h.Store.ListAllAsync("wal/"));

        // Crash (abandon): the write lives only in the WAL store.
        await using (var reopened = await _h.OpenAsync(options: options, wal: wal))
        {
            Assert.Equal(K("1"), await reopened.GetValueAsync(K("a")));
        }

        var mismatch = await Assert.ThrowsAsync<InvalidOperationException>(() => _h.OpenAsync(options: Options with { WalStoreTag = "other" }, wal: wal));
        Assert.Contains("WAL store mismatch", mismatch.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.OpenAsync());
        await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
