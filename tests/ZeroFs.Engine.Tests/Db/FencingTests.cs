using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

public sealed class FencingTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task SecondWriter_FencesFirst_SeesItsDurableWrites()
    {
        // No WAL timer for A: its last write must still be in memory when B fences (a 20 ms timer
        // could write it while B opens, and the write would rightly be durable).
        var a = await _h.OpenAsync(options: Options with { ManifestPollInterval = TimeSpan.FromSeconds(30), WalFlushInterval = TimeSpan.FromSeconds(30) });
        for (var i = 0; i < 100; i++)
        {
            await a.PutAsync(K(i), V(i));
        }

        await a.FlushAsync();
        var notDurable = await a.PutAsync(K(1000), V(1000));
        await using var b = await _h.OpenAsync();
        Assert.Equal(a.Epoch + 1, b.Epoch);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(V(i), await b.GetValueAsync(K(i)));
        }

        // A's next durability wait fails: its WAL PUT hits B's fence (CreateOnly).
        var ex = await Assert.ThrowsAsync<FencedException>(() => a.WaitDurableAsync(notDurable).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("newer writer", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FencedException>(async () => await a.PutAsync(K(1), V(1)));
        await a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var seq = await b.PutAsync(K(5000), V(5000));
        await b.WaitDurableAsync(seq);
        await b.DisposeAsync();
        await using var c = await _h.OpenAsync();
        Assert.Equal(V(5000), await c.GetValueAsync(K(5000)));
        Assert.Equal(V(99), await c.GetValueAsync(K(99)));
    }

    [Fact]
    public async Task Poll_DetectsNewerEpoch_WithoutWrites()
    {
        var a = await _h.OpenAsync();
        await using var b = await _h.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await a.PutAsync(K(1), V(1));
            }
            catch (FencedException ex)
            {
                Assert.Contains($"epoch {b.Epoch}", ex.Message, StringComparison.Ordinal);
                await a.DisposeAsync();
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("writer A was never fenced");
    }

    [Fact]
    public async Task Zombie_PreparedSegment_CannotCommitAfterNewerOpen()
    {
        // A's WAL PUTs are slow, so a segment is "prepared" while B opens and fences.
        var gate = new FaultInjectingObjectStore(_h.Store, new FaultPlan { Latency = TimeSpan.FromMilliseconds(300) });
        var a = await _h.OpenAsync(gate, Options with { WalFlushInterval = TimeSpan.FromSeconds(30), ManifestPollInterval = TimeSpan.FromSeconds(30) });
        var seq = await a.PutAsync(K(1), V(1));
        var durable = a.WaitDurableAsync(seq); // the segment's PUT is now in flight (delayed)
        await using var b = await _h.OpenAsync();
        await Assert.ThrowsAsync<FencedException>(() => durable.WaitAsync(TimeSpan.FromSeconds(10)));
        var segments = await _h.Store.ListAllAsync("wal/");
        Assert.DoesNotContain(segments, m => m.Size > 0); // only fences: A's segment never landed
        Assert.Null(await b.GetValueAsync(K(1)));
        await a.DisposeAsync();
    }
}
