using System.Globalization;
using System.Text;
using ZeroFs.Engine.Readers;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Readers;

public sealed class FollowerTests : IDisposable
{
    private static readonly byte[] Counter = K("counter");
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Follower_SeesDurableWritesOnly_NeverGoesBackwards()
    {
        await using var db = await _h.OpenAsync(options: Options with { WalFlushInterval = TimeSpan.FromSeconds(30) });
        await using var follower = await ReaderHarness.FollowAsync(_h);
        await Assert.ThrowsAsync<ReadOnlyException>(async () => await follower.PutAsync(K(1), V(1)));
        await Assert.ThrowsAsync<ReadOnlyException>(() => follower.FlushAsync());

        // Not durable: a follower never sees it, however many polls pass.
        await db.PutAsync(K("secret"), V(1));
        await Task.Delay(200);
        Assert.Null(await follower.GetValueAsync(K("secret")));
        await db.FlushAsync();
        await ReaderHarness.WaitUntilAsync(async () => await follower.GetValueAsync(K("secret")) is not null, TimeSpan.FromSeconds(5), "a durable write");

        using var stop = new CancellationTokenSource();
        var issued = 0L;
        var observer = Task.Run(async () =>
        {
            var lastSeq = 0UL;
            var lastCounter = -1L;
            var checks = 0;
            while (!stop.IsCancellationRequested)
            {
                var seq = follower.LastSeq;
                var counter = ParseCounter(await follower.GetValueAsync(Counter));
                Assert.True(seq >= lastSeq, $"LastSeq went back from {lastSeq} to {seq}");
                Assert.True(counter >= lastCounter, $"counter went back from {lastCounter} to {counter}");
                Assert.True(counter <= Volatile.Read(ref issued), $"saw counter {counter} before it was written");
                (lastSeq, lastCounter) = (seq, counter);
                checks++;
            }

            return checks;
        });

        for (var i = 1; i <= 300; i++)
        {
            Volatile.Write(ref issued, i);
            var seq = await db.WriteAsync(new WriteBatch().Put(Counter, Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture))).Put(K(i), V(i)));
            if (i % 3 == 0)
            {
                await db.WaitDurableAsync(seq);
            }
        }

        await db.FlushAsync();
        await ReaderHarness.WaitUntilAsync(async () => ParseCounter(await follower.GetValueAsync(Counter)) == 300, TimeSpan.FromSeconds(5), "convergence");
        await stop.CancelAsync();
        Assert.True(await observer > 10);
        Assert.Equal(db.LastSeq, follower.LastSeq);
        Assert.Equal(await DbHarness.ScanAllAsync(db), await ReaderHarness.ScanAllAsync(follower.Scan()));
    }

    [Fact]
    public async Task Follower_SurvivesWriterRestartAndFencingTakeover()
    {
        await using var follower = await OpenAfterFirstWriterAsync();
        var a = await _h.OpenAsync();
        await WriteDurableAsync(a, 100, 200);
        await CatchUpAsync(follower, 199);
        var seqBefore = follower.LastSeq;
        await a.DisposeAsync();

        // Restart: a new epoch continues the same log.
        var b = await _h.OpenAsync(options: Options with { ManifestPollInterval = TimeSpan.FromSeconds(30) });
        await WriteDurableAsync(b, 200, 300);
        await CatchUpAsync(follower, 299);
        Assert.True(follower.LastSeq > seqBefore);

        // Takeover while b is alive: c fences b; the follower keeps following c.
        await using var c = await _h.OpenAsync();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var seq = await b.PutAsync(K(9999), V(9999));
            await b.WaitDurableAsync(seq);
        });
        await b.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await WriteDurableAsync(c, 300, 400);
        await CatchUpAsync(follower, 399);
        Assert.Null(await follower.GetValueAsync(K(9999)));
        Assert.Equal(await DbHarness.ScanAllAsync(c), await ReaderHarness.ScanAllAsync(follower.Scan()));
    }

    [Fact]
    public async Task Follower_MissingWalSegment_IsEndOfLog_RefreshesManifestAndCatchesUp()
    {
        await using var db = await _h.OpenAsync(options: Options with { L0TableBytes = 1024 * 1024, MaxUnflushedBytes = 8 * 1024 * 1024 });
        await WriteDurableAsync(db, 0, 10);
        await using var follower = await ReaderHarness.FollowAsync(_h, ReaderHarness.FollowOptions with { PollInterval = TimeSpan.FromHours(1), LeaseLifetime = TimeSpan.FromHours(3) });
        Assert.Equal(V(9), await follower.GetValueAsync(K(9)));
        var before = await WalIdsAsync();

        // Several new segments, then an L0 publish (an All checkpoint forces one) that covers them.
        for (var i = 10; i < 20; i++)
        {
            await WriteDurableAsync(db, i, i + 1);
        }

        await db.CreateCheckpointAsync("publish");
        var added = (await WalIdsAsync()).Except(before).Order().ToList();
        Assert.True(added.Count >= 5, $"only {added.Count} new segments");

        // "GC" removed the first segment the follower has not read yet.
        await _h.Store.DeleteAsync($"wal/{added[0]:D20}.wal");
        await follower.RefreshAsync();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(V(i), await follower.GetValueAsync(K(i)));
        }

        Assert.Equal(db.LastSeq, follower.LastSeq);
        await WriteDurableAsync(db, 20, 25);
        await follower.RefreshAsync();
        Assert.Equal(V(24), await follower.GetValueAsync(K(24)));
    }

    [Fact]
    public async Task Follower_OpenWithoutTree_Throws_LeaseIsRemovedAtClose()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReaderHarness.FollowAsync(_h, store: new MemoryObjectStore()));
        await using var db = await _h.OpenAsync();
        var follower = await ReaderHarness.FollowAsync(_h);
        var lease = Assert.Single(await db.ListCheckpointsAsync());
        Assert.Equal(follower.CheckpointId, lease.Id);
        Assert.Equal("reader", lease.Owner);
        Assert.Equal(ReaderMode.Follow, follower.Mode);
        await follower.DisposeAsync();
        Assert.Empty(await db.ListCheckpointsAsync());
        Assert.Throws<ObjectDisposedException>(() => follower.Scan());
    }

    private async Task<DbReader> OpenAfterFirstWriterAsync()
    {
        await using (var first = await _h.OpenAsync())
        {
            await WriteDurableAsync(first, 0, 100);
        }

        var follower = await ReaderHarness.FollowAsync(_h);
        Assert.Equal(V(99), await follower.GetValueAsync(K(99)));
        return follower;
    }

    private static async Task WriteDurableAsync(Engine.Db db, int from, int to)
    {
        var seq = 0L;
        for (var i = from; i < to; i++)
        {
            seq = await db.PutAsync(K(i), V(i));
        }

        await db.WaitDurableAsync(seq);
    }

    private static Task CatchUpAsync(DbReader follower, int lastKey) =>
        ReaderHarness.WaitUntilAsync(async () => await follower.GetValueAsync(K(lastKey)) is not null, TimeSpan.FromSeconds(5), $"key {lastKey}");

    private async Task<HashSet<ulong>> WalIdsAsync()
    {
        var ids = new HashSet<ulong>();
        await foreach (var meta in _h.Store.ListAsync("wal/", null))
        {
            ids.Add(ulong.Parse(meta.Key.AsSpan(4, 20), CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static long ParseCounter(byte[]? value) => value is null ? 0 : long.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture);
}
