using Microsoft.Extensions.Time.Testing;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Compaction;

/// <summary>
/// Crash at every store call of a compaction (execute + three-step commit) followed by a GC pass:
/// after each crash and after recovery, nothing the manifest references is missing, durable data is
/// intact, and no run is lost or duplicated (invariants 10, 11, 16, 17).
/// </summary>
public sealed class CompactionCrashTests : IDisposable
{
    private static readonly CompactorOptions Crashy = TreeCheck.CompactorOptions with
    {
        ReleaseHoldAfterCommit = true,
        MaxConcurrentJobs = 1,
        Gc = TreeCheck.EagerGc,
    };

    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CrashAtEveryStep_OfCompactionCommitAndGc_TreeIntact_DataIntact()
    {
        var model = new KvModel();
        await using (var db = await _h.OpenAsync(options: CompactorTests.External))
        {
            await CompactorTests.WriteRandomAsync(db, model, new Random(9), 500, keys: 150);
        }

        var steps = await RunAsync(await CloneAsync(_h.Store), FaultPlan.None);
        Assert.True(steps > 30, $"only {steps} steps");
        for (var crashAt = 1; crashAt <= steps + 1; crashAt++)
        {
            var store = await CloneAsync(_h.Store);
            await RunAsync(store, new FaultPlan { CrashAtStep = crashAt, CrashAfterEffect = crashAt % 2 == 0 });

            // Right after the crash: the latest manifest is complete and readable.
            var latest = await TreeCheck.LatestAsync(store, _h.Key);
            await TreeCheck.AssertWellFormedAsync(store, latest.Manifest);
            TreeCheck.AssertMergeRules(await TreeCheck.HistoryAsync(store, _h.Key));

            // Recovery: a new compactor finishes the work, GC removes the orphans.
            await RunAsync(store, FaultPlan.None);
            latest = await TreeCheck.LatestAsync(store, _h.Key);
            await TreeCheck.AssertWellFormedAsync(store, latest.Manifest);
            Assert.True(latest.Manifest.L0.Length < 4);
            await using (var db = await _h.OpenAsync(store, CompactorTests.External))
            {
                await model.AssertMatchesAsync(db);
                await db.PutAsync(Db.DbHarness.K("zz-after-recovery"), [1]);
            }

            // Orphans (crashed outputs, sources) stay while a hold a crash left behind is unexpired
            // and until the writer publishes a newer L0; past both, a clean pass leaves exactly the
            // referenced tables.
            await RunAsync(store, FaultPlan.None, new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromHours(1)));
            latest = await TreeCheck.LatestAsync(store, _h.Key);
            var referenced = latest.Manifest.L0.Concat(latest.Manifest.Runs.SelectMany(r => r.Tables)).Count();
            Assert.Equal(referenced, (await store.ListAllAsync("sst/")).Count);
            await using var check = await _h.OpenAsync(store, CompactorTests.External);
            Assert.Equal([1], await check.GetValueAsync(Db.DbHarness.K("zz-after-recovery")));
            await check.DeleteAsync(Db.DbHarness.K("zz-after-recovery"));
            await model.AssertMatchesAsync(check);
        }
    }

    // One compactor lifetime: open (epoch claim), compact until idle, one GC pass. Returns the step count.
    private async Task<int> RunAsync(MemoryObjectStore store, FaultPlan plan, TimeProvider? time = null)
    {
        var faulty = new FaultInjectingObjectStore(store, plan);
        try
        {
            await using var compactor = await Compactor.OpenAsync(faulty, _h.Key, Crashy, time ?? TimeProvider.System);
            await compactor.CompactUntilIdleAsync();
            await compactor.CollectGarbageAsync();
        }
        catch (SimulatedCrashException)
        {
        }

        return faulty.Steps.Count;
    }

    internal static async Task<MemoryObjectStore> CloneAsync(MemoryObjectStore source)
    {
        var copy = new MemoryObjectStore();
        foreach (var meta in await source.ListAllAsync())
        {
            using var data = await source.GetAsync(meta.Key);
            await copy.PutAsync(meta.Key, data!.Data, PutCondition.Overwrite);
        }

        return copy;
    }
}
