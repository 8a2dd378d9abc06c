using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Tests.Db;

namespace ZeroFs.Engine.Tests.Compaction;

public sealed class StallAndModeTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Writer_L0Full_StallsInsteadOfFailing_ResumesWhenCompactionCatchesUp()
    {
        var options = CompactorTests.External with { L0MaxTables = 3, MaxUnflushedBytes = 64 * 1024, L0TableBytes = 4 * 1024 };
        var model = new KvModel();
        await using var db = await _h.OpenAsync(options: options);
        var writing = CompactorTests.WriteRandomAsync(db, model, new Random(5), 2000);

        // Wait until the writer is stalled: L0 at the limit and writes held back.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest.L0.Length < options.L0MaxTables)
        {
            Assert.False(writing.IsFaulted, writing.Exception?.ToString());
            Assert.True(DateTime.UtcNow < deadline, "L0 never filled");
            await Task.Delay(10);
        }

        Assert.False(writing.IsCompleted, "2000 batches fit without stalling; the test needs more data");
        await using (var compactor = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions with { MinSources = 2 }, TimeProvider.System))
        {
            using var stop = new CancellationTokenSource();
            var run = compactor.RunAsync(stop.Token);
            await writing.WaitAsync(TimeSpan.FromSeconds(60)); // resumes and finishes, never fails
            await db.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await model.AssertMatchesAsync(db).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest.L0.Length <= options.L0MaxTables);
    }

    [Fact]
    public async Task EmbeddedWriter_LiveStandaloneCompactor_DoesNotStartItsOwn()
    {
        await (await _h.OpenAsync(options: CompactorTests.External)).DisposeAsync();
        await using var standalone = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions, TimeProvider.System);
        var embedded = CompactorTests.External with { CompactorMode = CompactorMode.Embedded, Compactor = TreeCheck.CompactorOptions };
        await using (var db = await _h.OpenAsync(options: embedded))
        {
            await CompactorTests.WriteRandomAsync(db, new KvModel(), new Random(1), 300);
            await db.FlushAsync();
        }

        var latest = (await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest;
        Assert.Equal(standalone.Epoch, latest.CompactorEpoch); // not fenced by the writer
        Assert.True(latest.CompactorStandalone);
        Assert.True(latest.L0.Length >= 4); // nobody compacted in the writer
        Assert.True(await standalone.CompactUntilIdleAsync() >= 1);

        // Without a live standalone compactor, an embedded writer claims the next epoch and compacts.
        await using (var db = await _h.OpenAsync(options: embedded with { Compactor = TreeCheck.CompactorOptions with { StandaloneLiveness = TimeSpan.FromMilliseconds(1) } }))
        {
            await CompactorTests.WriteRandomAsync(db, new KvModel(), new Random(2), 300);
            await db.FlushAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while ((await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest.CompactorEpoch != standalone.Epoch + 1)
            {
                var m = (await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest;
                Assert.True(DateTime.UtcNow < deadline, $"the embedded compactor never claimed its epoch: {m.CompactorEpoch} vs {standalone.Epoch} standalone={m.CompactorStandalone} hb={m.CompactorHeartbeat:o} now={DateTimeOffset.UtcNow:o}");
                await Task.Delay(10);
            }
        }

        await Assert.ThrowsAsync<FencedException>(() => standalone.CompactUntilIdleAsync());
    }
}
