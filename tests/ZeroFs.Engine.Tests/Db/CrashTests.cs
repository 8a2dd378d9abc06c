using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

public sealed class CrashTests : IDisposable
{
    private static readonly EngineOptions Quiet = Options with
    {
        WalFlushInterval = TimeSpan.FromSeconds(30),
        ManifestPollInterval = TimeSpan.FromSeconds(30),
        L0TableBytes = 8 * 1024,
    };

    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CrashAtEveryStep_DurableWritesSurvive_StateIsPrefix_ReplayIsIdempotent()
    {
        var steps = await CountStepsAsync();
        Assert.True(steps > 20, $"workload made only {steps} store calls");
        for (var crashAt = 1; crashAt <= steps + 2; crashAt++)
        {
            var store = new MemoryObjectStore();
            var model = new KvModel();
            var faulty = new FaultInjectingObjectStore(store, new FaultPlan { CrashAtStep = crashAt, CrashAfterEffect = crashAt % 2 == 0 });
            Engine.Db? db = null;
            try
            {
                db = await _h.OpenAsync(faulty, Quiet);
                await RunWorkloadAsync(db, model);
                await db.DisposeAsync();
            }
            catch (Exception ex) when (ex is SimulatedCrashException or EngineFailedException or ObjectDisposedException or FencedException)
            {
                if (db is not null)
                {
                    await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)); // no hang after a crash
                }
            }

            // A crash during recovery itself, then two recoveries that must agree.
            var recoveryCrash = new FaultInjectingObjectStore(store, new FaultPlan { CrashAtStep = 1 + (crashAt % 9) });
            try
            {
                var r0 = await _h.OpenAsync(recoveryCrash, Quiet);
                await r0.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is SimulatedCrashException or EngineFailedException)
            {
            }

            await using (var r1 = await _h.OpenAsync(store, Quiet))
            {
                model.TruncateAfter(r1.LastSeq);
                await model.AssertMatchesAsync(r1);
            }

            await using var r2 = await _h.OpenAsync(store, Quiet);
            Assert.Equal(model.DurableSeq, r2.LastSeq);
            await model.AssertMatchesAsync(r2);
        }
    }

    private async Task<int> CountStepsAsync()
    {
        var faulty = new FaultInjectingObjectStore(new MemoryObjectStore(), FaultPlan.None);
        await using (var db = await _h.OpenAsync(faulty, Quiet))
        {
            await RunWorkloadAsync(db, new KvModel());
        }

        return faulty.Steps.Count;
    }

    // Sequential batches; every 4th waits for durability; enough bytes for several L0 publishes.
    private static async Task RunWorkloadAsync(Engine.Db db, KvModel model)
    {
        for (var i = 0; i < 40; i++)
        {
            var ops = new List<(string, string?)>
            {
                ($"k{i % 13:D3}", $"v{i}-" + new string('p', 700)),
                ($"m{i:D3}", i % 5 == 0 ? null : $"w{i}"),
            };
            var seq = (ulong)await db.WriteAsync(KvModel.ToBatch(ops));
            model.Commit(seq, ops);
            if (i % 4 == 3)
            {
                await db.WaitDurableAsync((long)seq);
                model.DurableSeq = seq;
            }
        }
    }
}
