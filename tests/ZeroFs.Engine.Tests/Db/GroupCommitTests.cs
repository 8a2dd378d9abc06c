using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

public sealed class GroupCommitTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ConcurrentDurableWriters_ShareFewPuts_DurableSeqMonotone()
    {
        // 20 ms per store call makes PUTs overlap with arriving writers.
        var slow = new FaultInjectingObjectStore(_h.Store, new FaultPlan { Latency = TimeSpan.FromMilliseconds(20) });
        var counting = new CountingObjectStore(slow);
        await using var db = await _h.OpenAsync(counting, Options with { WalFlushInterval = TimeSpan.FromSeconds(30), L0TableBytes = 1024 * 1024, MaxUnflushedBytes = 8 * 1024 * 1024 });
        var observed = new List<ulong>();
        const int Writers = 64;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var seq = await db.PutAsync(K(i), V(i));
            await db.WaitDurableAsync(seq);
            Assert.True(db.DurableSeq >= (ulong)seq);
            lock (observed)
            {
                observed.Add(db.DurableSeq);
            }
        })));
        Assert.InRange(counting.WalPuts, 1, Writers / 4);
        Assert.Equal((ulong)Writers, db.DurableSeq);
    }

    [Fact]
    public async Task IdleWriter_DurabilityCall_IsOnePut()
    {
        var counting = new CountingObjectStore(_h.Store);
        await using var db = await _h.OpenAsync(counting, Options with { WalFlushInterval = TimeSpan.FromSeconds(30) });
        var seq = await db.PutAsync(K(1), V(1));
        await db.WaitDurableAsync(seq);
        Assert.Equal(1, counting.WalPuts);
        await db.FlushAsync();
        Assert.Equal(1, counting.WalPuts);
    }

    [Fact]
    public async Task Interval_FlushesWithoutWaiter()
    {
        await using var db = await _h.OpenAsync(options: Options with { WalFlushInterval = TimeSpan.FromMilliseconds(10) });
        var seq = await db.PutAsync(K(1), V(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (db.DurableSeq < (ulong)seq && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(db.DurableSeq >= (ulong)seq);
    }
}
