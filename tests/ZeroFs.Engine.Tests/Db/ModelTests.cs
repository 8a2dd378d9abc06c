using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

public sealed class ModelTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RandomOps_WithCleanAndCrashRestarts_MatchModel(int seed)
    {
        var random = new Random(seed);
        var store = new MemoryObjectStore();
        var model = new KvModel();
        var options = Options with { L0TableBytes = 4 * 1024, WalFlushInterval = TimeSpan.FromMilliseconds(5) };
        for (var generation = 0; generation < 12; generation++)
        {
            var crash = random.Next(2) == 0;
            var faulty = new FaultInjectingObjectStore(store, new FaultPlan { CrashAtStep = crash ? random.Next(10, 60) : null });
            Engine.Db db;
            try
            {
                db = await _h.OpenAsync(faulty, options);
            }
            catch (SimulatedCrashException)
            {
                continue;
            }

            try
            {
                for (var op = 0; op < 300; op++)
                {
                    var ops = new List<(string, string?)>();
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        var key = $"key{random.Next(200):D4}";
                        ops.Add((key, random.Next(5) == 0 ? null : $"v{generation}-{op}-{random.Next()}"));
                    }

                    // A batch holds each key once (last wins), exactly as WriteBatch does.
                    var distinct = ops.GroupBy(o => o.Item1).Select(g => g.Last()).ToList();
                    var seq = (ulong)await db.WriteAsync(KvModel.ToBatch(distinct));
                    model.Commit(seq, distinct);
                    var roll = random.Next(40);
                    if (roll == 0)
                    {
                        await db.FlushAsync();
                        model.DurableSeq = seq;
                    }
                    else if (roll == 1)
                    {
                        await db.WaitDurableAsync((long)seq);
                        model.DurableSeq = Math.Max(model.DurableSeq, seq);
                    }
                }

                if (!crash)
                {
                    await db.DisposeAsync();
                    model.DurableSeq = db.LastSeq; // a clean close makes everything durable
                }
            }
            catch (Exception ex) when (ex is SimulatedCrashException or EngineFailedException or ObjectDisposedException)
            {
            }

            await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await using var check = await _h.OpenAsync(store, options);
            model.TruncateAfter(check.LastSeq);
            await model.AssertMatchesAsync(check);
        }
    }
}
