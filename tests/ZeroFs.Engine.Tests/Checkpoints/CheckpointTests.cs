using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.Engine.Tests.Readers;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CreateListFindRefreshDelete_Work()
    {
        await using var db = await _h.OpenAsync();
        await db.PutAsync(K(1), V(1));
        var a = await db.CreateCheckpointAsync("a");
        var b = await db.CreateCheckpointAsync("b", TimeSpan.FromMinutes(5), CheckpointScope.Durable);
        Assert.Equal("a", a.Name);
        Assert.Null(a.Expires);
        Assert.NotNull(b.Expires);
        Assert.True(b.ManifestId > a.ManifestId);

        Assert.Equal([a.Id, b.Id], (await db.ListCheckpointsAsync()).Select(c => c.Id));
        Assert.Equal([a, b], await db.ListCheckpointsAsync());
        Assert.Equal(b, Assert.Single(await db.ListCheckpointsAsync("b")));
        Assert.Equal(a, await db.FindCheckpointAsync("a"));
        Assert.Null(await db.FindCheckpointAsync("missing"));

        var refreshed = await db.RefreshCheckpointAsync(b.Id, TimeSpan.FromHours(1));
        Assert.True(refreshed.Expires > b.Expires);
        Assert.Equal(b.ManifestId, refreshed.ManifestId);
        Assert.Equal(refreshed, await db.FindCheckpointAsync("b"));
        Assert.Null((await db.RefreshCheckpointAsync(b.Id, null)).Expires);

        Assert.True(await db.DeleteCheckpointAsync(a.Id));
        Assert.False(await db.DeleteCheckpointAsync(a.Id));
        Assert.Equal([b.Id], (await db.ListCheckpointsAsync()).Select(c => c.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.RefreshCheckpointAsync(a.Id, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<ArgumentException>(() => db.CreateCheckpointAsync(""));
    }

    [Fact]
    public async Task Expired_IsNotListed_CannotBeRefreshedOrOpened()
    {
        await using var db = await _h.OpenAsync();
        await db.PutAsync(K(1), V(1));
        var shortLived = await db.CreateCheckpointAsync("short", TimeSpan.FromMilliseconds(200));
        var kept = await db.CreateCheckpointAsync("kept", TimeSpan.FromMinutes(5));
        Assert.Equal(2, (await db.ListCheckpointsAsync()).Count);
        await Task.Delay(300);
        Assert.Equal([kept.Id], (await db.ListCheckpointsAsync()).Select(c => c.Id));
        Assert.Null(await db.FindCheckpointAsync("short"));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.RefreshCheckpointAsync(shortLived.Id, TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ReaderHarness.PinnedAsync(_h, shortLived.Id));
        await using var reader = await ReaderHarness.PinnedAsync(_h, "kept");
        Assert.Equal(V(1), await reader.GetValueAsync(K(1)));
    }

    [Fact]
    public async Task Checkpoints_SurviveWriterRestarts()
    {
        CheckpointInfo created;
        await using (var db = await _h.OpenAsync())
        {
            await db.PutAsync(K(1), V(1));
            created = await db.CreateCheckpointAsync("keep", TimeSpan.FromHours(1));
        }

        await using (var db = await _h.OpenAsync())
        {
            Assert.Equal(created, Assert.Single(await db.ListCheckpointsAsync()));
            await db.PutAsync(K(1), V(1, 1));
            await db.FlushAsync();
        }

        await using var again = await _h.OpenAsync();
        Assert.Equal(created, await again.FindCheckpointAsync("keep"));
        await using var reader = await ReaderHarness.PinnedAsync(_h, created.Id);
        Assert.Equal(V(1), await reader.GetValueAsync(K(1)));
    }

    [Fact]
    public async Task AllScope_ContainsEveryAcknowledgedWrite_DurableScopeEveryDurableOne()
    {
        // Nothing becomes durable on its own: only the checkpoint's flush makes the writes readable.
        await using var db = await _h.OpenAsync(options: Options with { WalFlushInterval = TimeSpan.FromSeconds(30), L0TableBytes = 1024 * 1024, MaxUnflushedBytes = 8 * 1024 * 1024 });
        for (var i = 0; i < 300; i++)
        {
            await db.PutAsync(K(i), V(i));
        }

        var durableCheckpoint = await db.CreateCheckpointAsync("durable-empty", scope: CheckpointScope.Durable);
        var last = db.LastSeq;
        var all = await db.CreateCheckpointAsync("all");
        var more = Task.Run(async () =>
        {
            for (var i = 300; i < 400; i++)
            {
                await db.PutAsync(K(i), V(i));
            }
        });

        await using (var reader = await ReaderHarness.PinnedAsync(_h, all.Id))
        {
            Assert.True(reader.LastSeq >= last);
            for (var i = 0; i < 300; i++)
            {
                Assert.Equal(V(i), await reader.GetValueAsync(K(i)));
            }
        }

        await using (var reader = await ReaderHarness.PinnedAsync(_h, durableCheckpoint.Id))
        {
            Assert.Empty(await ReaderHarness.ScanAllAsync(reader.Scan()));
        }

        await more;
        var seq = await db.PutAsync(K(1000), V(1000));
        await db.WaitDurableAsync(seq);
        var durable = await db.CreateCheckpointAsync("durable", scope: CheckpointScope.Durable);
        await using (var reader = await ReaderHarness.PinnedAsync(_h, durable.Id))
        {
            Assert.True(reader.LastSeq >= (ulong)seq);
            Assert.Equal(V(1000), await reader.GetValueAsync(K(1000)));
            Assert.Equal(V(399), await reader.GetValueAsync(K(399)));
        }
    }

    [Fact]
    public async Task ConcurrentAdds_WithPublishesAndReaderLeases_NeverLoseACheckpoint()
    {
        await using var db = await _h.OpenAsync();
        await db.WaitDurableAsync(await db.PutAsync(K(0), V(0))); // Durable checkpoints hold durable writes only
        await using var follower = await ReaderHarness.FollowAsync(_h, ReaderHarness.FollowOptions with { PollInterval = TimeSpan.FromMilliseconds(5) });
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(async () =>
        {
            // Small L0 tables: a publish (manifest CAS) every few dozen writes.
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await db.PutAsync(K(i % 500), V(i, 1));
            }
        });

        var creators = Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            db.CreateCheckpointAsync($"c{i}", TimeSpan.FromMinutes(10), i % 3 == 0 ? CheckpointScope.All : CheckpointScope.Durable))).ToList();
        var created = await Task.WhenAll(creators);
        await stop.CancelAsync();
        await writes;

        // The embedded compactor's hold checkpoints come and go with compactions; count the rest.
        var listed = (await db.ListCheckpointsAsync())
            .Where(c => c.Name != Engine.Compaction.Compactor.HoldCheckpointName)
            .Select(c => c.Id)
            .ToHashSet();
        Assert.All(created, c => Assert.Contains(c.Id, listed));
        Assert.Contains(follower.CheckpointId, listed);
        Assert.Equal(13, listed.Count);
        foreach (var c in created)
        {
            await using var reader = await ReaderHarness.PinnedAsync(_h, c.Id);
            Assert.NotNull(await reader.GetValueAsync(K(0)));
        }

        await follower.DisposeAsync();
        Assert.DoesNotContain(follower.CheckpointId, (await db.ListCheckpointsAsync()).Select(c => c.Id));
    }
}
