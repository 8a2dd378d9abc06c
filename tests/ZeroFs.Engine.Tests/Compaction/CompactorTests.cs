using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Tests.Db;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Compaction;

public sealed class CompactorTests : IDisposable
{
    internal static readonly EngineOptions External = Options with
    {
        L0TableBytes = 4 * 1024,
        CompactorMode = CompactorMode.External,
        L0MaxTables = 4096,
    };

    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    internal static async Task WriteRandomAsync(Engine.Db db, KvModel model, Random random, int batches, int keys = 300)
    {
        for (var op = 0; op < batches; op++)
        {
            var ops = new List<(string, string?)>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                ops.Add(($"key{random.Next(keys):D4}", random.Next(4) == 0 ? null : $"v{op}-{random.Next()}-" + new string('x', random.Next(200))));
            }

            var distinct = ops.GroupBy(o => o.Item1).Select(g => g.Last()).ToList();
            model.Commit((ulong)await db.WriteAsync(KvModel.ToBatch(distinct)), distinct);
        }
    }

    [Fact]
    public async Task Compaction_ModelCheck_NewestValuesIdentical_DeletesStay_RunsDisjoint()
    {
        var model = new KvModel();
        var random = new Random(11);
        await using (var db = await _h.OpenAsync(options: External))
        {
            for (var round = 0; round < 4; round++)
            {
                await WriteRandomAsync(db, model, random, 400);
                await db.FlushAsync();
            }
        }

        var before = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        Assert.True(before.Manifest.L0.Length >= 8, $"only {before.Manifest.L0.Length} L0 tables");
        await using (var compactor = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions, TimeProvider.System))
        {
            Assert.True(await compactor.CompactUntilIdleAsync() >= 1);
            var mid = await TreeCheck.LatestAsync(_h.Store, _h.Key);
            Assert.True(mid.Manifest.L0.Length < 4);
            Assert.NotEmpty(mid.Manifest.Runs);
            await TreeCheck.AssertWellFormedAsync(_h.Store, mid.Manifest);
            await using (var db = await _h.OpenAsync(options: External))
            {
                await model.AssertMatchesAsync(db);
                await WriteRandomAsync(db, model, random, 300); // more deletes on top of the runs
            }

            Assert.True(await compactor.CompactFullyAsync());
        }

        var after = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        Assert.Empty(after.Manifest.L0);
        var bottom = Assert.Single(after.Manifest.Runs);
        Assert.Equal(0UL, bottom.Tables.Aggregate(0UL, (s, t) => s + t.Tombstones)); // tombstones only die at the bottom
        await TreeCheck.AssertWellFormedAsync(_h.Store, after.Manifest);
        TreeCheck.AssertMergeRules(await TreeCheck.HistoryAsync(_h.Store, _h.Key));
        await using (var db = await _h.OpenAsync(options: External))
        {
            await model.AssertMatchesAsync(db);
            foreach (var key in Enumerable.Range(0, 300).Select(i => $"key{i:D4}").Where(k => !model.State().ContainsKey(k)))
            {
                Assert.Null(await db.GetValueAsync(K(key))); // deleted keys never resurrect
            }
        }
    }

    [Fact]
    public async Task TwoCompactors_OlderCommitFailsFenced_NoLostOrDuplicatedRuns()
    {
        var model = new KvModel();
        await using (var db = await _h.OpenAsync(options: External))
        {
            await WriteRandomAsync(db, model, new Random(3), 600);
        }

        await using var older = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions, TimeProvider.System);
        await using var newer = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions, TimeProvider.System);
        Assert.Equal(older.Epoch + 1, newer.Epoch);
        var ex = await Assert.ThrowsAsync<FencedException>(() => older.CompactUntilIdleAsync());
        Assert.Contains("newer compactor", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FencedException>(() => older.RunAsync());
        Assert.True(await newer.CompactUntilIdleAsync() >= 1);
        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        await TreeCheck.AssertWellFormedAsync(_h.Store, latest.Manifest);
        TreeCheck.AssertMergeRules(await TreeCheck.HistoryAsync(_h.Store, _h.Key));
        await using var check = await _h.OpenAsync(options: External);
        await model.AssertMatchesAsync(check);
    }

    [Fact]
    public async Task WriterAndCompactor_Concurrently_MergeRulesHold_ModelEqual_L0Bounded()
    {
        var model = new KvModel();
        var options = External with { L0MaxTables = 6 };
        await using var compactor = await OpenCompactorAfterFirstWriterAsync();
        using var stop = new CancellationTokenSource();
        var db = await _h.OpenAsync(options: options);
        var run = compactor.RunAsync(stop.Token);
        var maxL0 = 0;
        var random = new Random(21);
        for (var round = 0; round < 20; round++)
        {
            await WriteRandomAsync(db, model, random, 100);
            if (round % 5 == 4)
            {
                await db.FlushAsync();
            }

            maxL0 = Math.Max(maxL0, (await TreeCheck.LatestAsync(_h.Store, _h.Key)).Manifest.L0.Length);
            await model.AssertMatchesAsync(db);
        }

        await db.DisposeAsync();
        await stop.CancelAsync();
        await run;
        Assert.InRange(maxL0, 0, options.L0MaxTables);
        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        Assert.NotEmpty(latest.Manifest.Runs);
        await TreeCheck.AssertWellFormedAsync(_h.Store, latest.Manifest);
        TreeCheck.AssertMergeRules(await TreeCheck.HistoryAsync(_h.Store, _h.Key));
        await using var check = await _h.OpenAsync(options: External);
        await model.AssertMatchesAsync(check);
    }

    private async Task<Compactor> OpenCompactorAfterFirstWriterAsync()
    {
        await (await _h.OpenAsync(options: External)).DisposeAsync(); // creates the tree
        return await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions, TimeProvider.System);
    }
}
