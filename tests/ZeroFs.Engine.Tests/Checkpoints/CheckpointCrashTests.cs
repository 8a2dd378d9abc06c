using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.Engine.Tests.Readers;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Checkpoints;

public sealed class CheckpointCrashTests : IDisposable
{
    private static readonly EngineOptions Quiet = Options with
    {
        WalFlushInterval = TimeSpan.FromSeconds(30),
        ManifestPollInterval = TimeSpan.FromSeconds(30),
    };

    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(CheckpointScope.All)]
    [InlineData(CheckpointScope.Durable)]
    public async Task CrashAtEveryStepOfCreate_CheckpointIsWholeOrAbsent(CheckpointScope scope)
    {
        var (before, after) = await CountStepsAsync(scope);
        Assert.True(after > before, "creating a checkpoint made no store calls");
        for (var step = before + 1; step <= after + 1; step++)
        {
            var store = new MemoryObjectStore();
            var faulty = new FaultInjectingObjectStore(store, new FaultPlan { CrashAtStep = step, CrashAfterEffect = step % 2 == 0 });
            var model = new KvModel();
            var db = await _h.OpenAsync(faulty, Quiet);
            try
            {
                await RunWorkloadAsync(db, model);
                await db.CreateCheckpointAsync("crash", null, scope);
            }
            catch (Exception ex) when (ex is SimulatedCrashException or EngineFailedException or ObjectDisposedException)
            {
            }

            await db.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            await using var reopened = await _h.OpenAsync(store, Quiet);
            await model.AssertMatchesAsync(reopened);
            var found = await reopened.FindCheckpointAsync("crash");
            if (found is null)
            {
                continue;
            }

            await using var pinned = await ReaderHarness.PinnedAsync(_h, found.Id, store);
            await ReaderHarness.AssertMatchesAsync(model.State(), pinned);
        }
    }

    private async Task<(int Before, int After)> CountStepsAsync(CheckpointScope scope)
    {
        var faulty = new FaultInjectingObjectStore(new MemoryObjectStore(), FaultPlan.None);
        await using var db = await _h.OpenAsync(faulty, Quiet);
        await RunWorkloadAsync(db, new KvModel());
        var before = faulty.Steps.Count;
        await db.CreateCheckpointAsync("crash", null, scope);
        return (before, faulty.Steps.Count);
    }

    // Every write is durable before the checkpoint is requested, so a crash may lose only the checkpoint.
    private static async Task RunWorkloadAsync(Engine.Db db, KvModel model)
    {
        for (var i = 0; i < 20; i++)
        {
            var ops = new List<(string, string?)> { ($"k{i % 7:D3}", $"v{i}-" + new string('p', 300)), ($"m{i:D3}", i % 4 == 0 ? null : $"w{i}") };
            var seq = (ulong)await db.WriteAsync(KvModel.ToBatch(ops));
            model.Commit(seq, ops);
        }

        await db.FlushAsync();
        model.DurableSeq = db.LastSeq;
    }
}
