using System.Text;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Readers;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>
/// One seeded, reproducible model check of the whole engine against a sorted dictionary: thousands
/// of batches mixed with writer restarts, flushes, compactions (standalone compactor), zero-age GC,
/// checkpoints and follower polls. Every view is compared with the model: the writer with
/// everything, the follower with the prefix up to its sequence, each checkpoint with the state at
/// its creation — after any amount of later writing, compaction and GC.
/// </summary>
public sealed class WholeEngineModelTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task MixedWorkload_EveryViewMatchesTheModel(int seed)
    {
        var random = new Random(seed);
        var store = new MemoryObjectStore();
        var model = new KvModel();
        var options = DbHarness.Options with
        {
            L0TableBytes = 8 * 1024,
            L0MaxTables = 1000,
            CompactorMode = CompactorMode.External,
            RandomSeed = seed,
        };
        // GC at zero minimum ages; the writer's view of a compacted-away tree is protected by the
        // compactor's hold checkpoint (kept, as by default), exactly as in production.
        var compactorOptions = TreeCheck.CompactorOptions with { Gc = TreeCheck.EagerGc, RandomSeed = seed };
        var checkpoints = new List<(Guid Id, SortedDictionary<string, string> State)>();
        var db = await _h.OpenAsync(store, options);
        await using var compactor = await Compactor.OpenAsync(store, _h.Key, compactorOptions, TimeProvider.System);
        var follower = await Engine.Db.OpenReaderAsync(
            store, null, _h.Key, ReaderOptions.Follow() with { PollInterval = TimeSpan.FromMinutes(1) }, TimeProvider.System);
        ulong followerSeq = 0;
        var compactions = 0;
        try
        {
            for (var op = 0; op < 2500; op++)
            {
                var ops = new List<(string Key, string? Value)>();
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    ops.Add(($"key{random.Next(400):D4}", random.Next(6) == 0 ? null : $"v{op}-{random.Next()}"));
                }

                var distinct = ops.GroupBy(o => o.Key).Select(g => g.Last()).ToList();
                model.Commit((ulong)await db.WriteAsync(KvModel.ToBatch(distinct)), distinct);

                switch (random.Next(100))
                {
                    case 0 or 1:
                        await db.FlushAsync();
                        break;
                    case 2:
                        compactions += await compactor.CompactUntilIdleAsync();
                        break;
                    case 3:
                        await compactor.CollectGarbageAsync();
                        break;
                    case 4:
                        var checkpoint = await db.CreateCheckpointAsync($"cp{op}", null, CheckpointScope.All);
                        checkpoints.Add((checkpoint.Id, model.State()));
                        break;
                    case 5 or 6:
                        await follower.RefreshAsync();
                        Assert.True(follower.LastSeq >= followerSeq, "a follower never goes backwards");
                        followerSeq = follower.LastSeq;
                        AssertEqual(model.StateAt(followerSeq), await ScanAsync(follower.Scan()), $"follower at seq {followerSeq}, op {op}");
                        break;
                    case 7:
                        await db.DisposeAsync();
                        db = await _h.OpenAsync(store, options);
                        break;
                }
            }

            await db.FlushAsync();
            compactions += await compactor.CompactUntilIdleAsync();
            await compactor.CollectGarbageAsync();
            AssertEqual(model.State(), await ScanAsync(db.Scan()), "writer at the end");
            foreach (var (key, value) in model.State().Take(50))
            {
                Assert.Equal(value, Encoding.UTF8.GetString((await db.GetValueAsync(Encoding.UTF8.GetBytes(key)))!));
            }

            await follower.RefreshAsync();
            AssertEqual(model.StateAt(follower.LastSeq), await ScanAsync(follower.Scan()), "follower at the end");
            Assert.Equal(db.LastSeq, follower.LastSeq);

            Assert.True(compactions > 0, "the workload must have compacted something");
            Assert.NotEmpty(checkpoints);
            foreach (var (id, state) in checkpoints)
            {
                await using var pinned = await Engine.Db.OpenReaderAsync(store, null, _h.Key, ReaderOptions.Pinned(id), TimeProvider.System);
                AssertEqual(state, await ScanAsync(pinned.Scan()), $"checkpoint {id}");
            }
        }
        finally
        {
            await follower.DisposeAsync();
            await db.DisposeAsync();
        }
    }

    private static async Task<List<(string Key, string Value)>> ScanAsync(DbIterator iterator)
    {
        var result = new List<(string, string)>();
        using (iterator)
        {
            while (await iterator.MoveNextAsync())
            {
                result.Add((Encoding.UTF8.GetString(iterator.Key), Encoding.UTF8.GetString(iterator.Value.Span)));
            }
        }

        return result;
    }

    private static void AssertEqual(SortedDictionary<string, string> expected, List<(string Key, string Value)> actual, string view)
    {
        var want = expected.Select(kv => (kv.Key, kv.Value)).ToList();
        Assert.True(want.SequenceEqual(actual), $"{view}: expected {want.Count} keys, got {actual.Count}; first difference at " +
            $"{want.Zip(actual).TakeWhile(p => p.First == p.Second).Count()}");
    }
}
