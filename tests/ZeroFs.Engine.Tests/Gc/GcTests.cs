using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Gc;

public sealed class GcTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Gc_ContinuousZeroMinAges_DuringModelWorkload_ReadsNeverFail_StorageCollected()
    {
        // Embedded compactor + GC every 10 ms with every min age 0, while the writer writes, reads and scans.
        var options = CompactorTests.External with
        {
            CompactorMode = CompactorMode.Embedded,
            L0MaxTables = 8,
            Compactor = TreeCheck.CompactorOptions with { Gc = TreeCheck.EagerGc },
        };
        var model = new KvModel();
        var random = new Random(17);
        await using (var db = await _h.OpenAsync(options: options))
        {
            for (var round = 0; round < 15; round++)
            {
                await CompactorTests.WriteRandomAsync(db, model, random, 120, keys: 200);
                await db.FlushAsync();
                await model.AssertMatchesAsync(db);
                using var snapshot = db.GetSnapshot();
                for (var i = 0; i < 50; i++)
                {
                    await snapshot.GetAsync(K($"key{random.Next(200):D4}"));
                }
            }
        }

        // One more pass once the writer is closed, then exactly the latest manifest (and the one
        // the pass itself may have written) and checkpoint-pinned ones (compactor holds) remain.
        StoredManifest latest;
        await using (var gc = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions with { Gc = TreeCheck.EagerGc }, TimeProvider.System))
        {
            await gc.CollectGarbageAsync();
            latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        }

        await TreeCheck.AssertWellFormedAsync(_h.Store, latest.Manifest);
        Assert.NotEmpty(latest.Manifest.Runs);
        var pinned = latest.Manifest.Checkpoints.Select(c => c.ManifestId).ToHashSet();
        var manifests = await _h.Store.ListAllAsync(ManifestStore.Prefix);
        var unpinnedOld = manifests
            .Select(m => ulong.Parse(m.Key.AsSpan(ManifestStore.Prefix.Length, 20), System.Globalization.CultureInfo.InvariantCulture))
            .Where(id => id + 1 < latest.Id && !pinned.Contains(id))
            .ToList();
        Assert.True(unpinnedOld.Count == 0, $"GC left {unpinnedOld.Count} unpinned old manifests of {latest.Id}: {string.Join(",", unpinnedOld.Take(10))}");
        Assert.True(manifests.Count <= pinned.Count + 2, $"{manifests.Count} manifests remain, {pinned.Count} pinned");
        Assert.True(await _h.Store.ListAllAsync("gc/manifest.floor") is [_]);
        var wal = await _h.Store.ListAllAsync("wal/");
        // Compactor holds (15 min) pin their manifests' WAL ranges too; the rest is gone.
        var written = wal.Max(w => ulong.Parse(w.Key.AsSpan(4, 20), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True((ulong)wal.Count(w => w.Size > 0) < written, $"{wal.Count(w => w.Size > 0)} of {written} WAL segments remain");
        await using var check = await _h.OpenAsync(options: CompactorTests.External);
        await model.AssertMatchesAsync(check);
    }

    [Fact]
    public async Task Gc_StalledWriter_CannotRecreateManifestGcDeleted_FloorMonotone()
    {
        await (await _h.OpenAsync(options: CompactorTests.External)).DisposeAsync();
        await (await _h.OpenAsync(options: CompactorTests.External)).DisposeAsync();
        var before = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        Assert.True(before.Id >= 3);
        await using var compactor = await Compactor.OpenAsync(_h.Store, _h.Key, TreeCheck.CompactorOptions with { Gc = TreeCheck.EagerGc }, TimeProvider.System);
        var report = await compactor.CollectGarbageAsync();
        var latestId = before.Id + 1; // the compactor's epoch claim
        Assert.Equal((int)latestId - 1, report.Manifests.Count);
        Assert.Equal(latestId - 1, report.ManifestFloor);
        using var floor = await _h.Store.GetAsync(ManifestStore.FloorKey);
        Assert.Equal((latestId - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(floor!.Data.Span));

        // The zombie: a writer that stalled before creating an id GC has since deleted. Its
        // create-only PUT succeeds (the object is gone), but the floor check refuses it (bug #1).
        using var sealer = new BlockSealer(_h.Key, KeyDomain.Manifest, CompressionOptions.Default);
        var zombie = new ManifestStore(_h.Store, sealer);
        Assert.False(await zombie.TryCreateAsync(2, before.Manifest with { WriterEpoch = 1 }));
        Assert.Equal(latestId, (await new ManifestStore(_h.Store, sealer).ReadLatestAsync())!.Id);

        // Monotone: a later pass never lowers the floor.
        await _h.Store.DeleteAsync(ManifestStore.Key(2));
        Assert.Equal(latestId - 1, (await compactor.CollectGarbageAsync()).ManifestFloor);
    }

    [Fact]
    public async Task Gc_DryRun_ReportsButDeletesNothing()
    {
        var model = new KvModel();
        await using (var db = await _h.OpenAsync(options: CompactorTests.External))
        {
            await CompactorTests.WriteRandomAsync(db, model, new Random(2), 400);
        }

        await using var compactor = await Compactor.OpenAsync(
            _h.Store, _h.Key, TreeCheck.CompactorOptions with { ReleaseHoldAfterCommit = true, Gc = TreeCheck.EagerGc }, TimeProvider.System);
        await compactor.CompactFullyAsync();
        await (await _h.OpenAsync(options: CompactorTests.External)).DisposeAsync(); // a newer L0 than the compacted ones
        var objects = (await _h.Store.ListAllAsync()).Select(o => o.Key).ToList();
        var dry = await compactor.CollectGarbageAsync(dryRun: true);
        Assert.True(dry.DryRun);
        Assert.NotEmpty(dry.Tables);
        Assert.NotEmpty(dry.Manifests);
        Assert.NotEmpty(dry.Wal);
        Assert.Equal(objects, (await _h.Store.ListAllAsync()).Select(o => o.Key).ToList());
        var real = await compactor.CollectGarbageAsync();
        Assert.Equal(dry.Tables, real.Tables);
        Assert.Equal(dry.Wal, real.Wal);
        Assert.All(real.Tables, key => Assert.DoesNotContain(key, objects.Except(real.Tables).ToList()));
        await using var check = await _h.OpenAsync(options: CompactorTests.External);
        await model.AssertMatchesAsync(check);
    }

    [Fact]
    public async Task Gc_KeepsEverythingACheckpointPins_UntilItExpires()
    {
        var model = new KvModel();
        await using (var db = await _h.OpenAsync(options: CompactorTests.External))
        {
            await CompactorTests.WriteRandomAsync(db, model, new Random(4), 400);
        }

        using var sealer = new BlockSealer(_h.Key, KeyDomain.Manifest, CompressionOptions.Default);
        var manifests = new ManifestStore(_h.Store, sealer);
        var pinnedId = (await manifests.ReadLatestAsync())!.Id;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var checkpoint = new Checkpoint(Guid.NewGuid(), pinnedId, time.GetUtcNow(), time.GetUtcNow() + TimeSpan.FromMinutes(10), "test", null);
        await manifests.UpdateAsync(l => l.Manifest with { Checkpoints = l.Manifest.Checkpoints.Add(checkpoint) });
        var pinned = (await manifests.TryReadAsync(pinnedId))!.Manifest;

        await using var compactor = await Compactor.OpenAsync(
            _h.Store, _h.Key, TreeCheck.CompactorOptions with { ReleaseHoldAfterCommit = true, Gc = TreeCheck.EagerGc }, time);
        await compactor.CompactFullyAsync();
        await (await _h.OpenAsync(options: CompactorTests.External)).DisposeAsync();
        var report = await compactor.CollectGarbageAsync();
        Assert.NotEmpty(report.Manifests);
        Assert.DoesNotContain(ManifestStore.Key(pinnedId), report.Manifests);
        Assert.NotNull(await manifests.TryReadAsync(pinnedId));
        foreach (var table in pinned.L0.Concat(pinned.Runs.SelectMany(r => r.Tables)))
        {
            Assert.NotNull(await _h.Store.HeadAsync(SstInfo.ObjectKey(table.Id)));
        }

        // Expired: GC removes the checkpoint (step 1), then the tables only it kept.
        time.Advance(TimeSpan.FromMinutes(11));
        var after = await compactor.CollectGarbageAsync();
        Assert.Equal([checkpoint.Id], after.ExpiredCheckpoints);
        Assert.Contains(ManifestStore.Key(pinnedId), after.Manifests);
        Assert.Contains(after.Tables, key => pinned.L0.Any(t => SstInfo.ObjectKey(t.Id) == key));
        await using var check = await _h.OpenAsync(options: CompactorTests.External);
        await model.AssertMatchesAsync(check);
    }

    [Fact]
    public async Task Gc_UnpublishedL0_AndUncommittedCompactionOutput_NeverDeleted()
    {
        var model = new KvModel();
        await using (var db = await _h.OpenAsync(options: CompactorTests.External))
        {
            await CompactorTests.WriteRandomAsync(db, model, new Random(8), 400);
        }

        // An L0 uploaded but not yet published: its id is newer than every published L0 (bug #2).
        var generator = new UlidGenerator(TimeProvider.System, new Random(1));
        await Task.Delay(5);
        var unpublished = SstInfo.ObjectKey(generator.Next());
        await _h.Store.PutAsync(unpublished, new byte[100], PutCondition.CreateOnly);

        // A compaction whose commit is held back while GC (with every min age 0) runs.
        var gate = new GatedObjectStore(_h.Store, "manifest/");
        await using var compactor = await Compactor.OpenAsync(gate, _h.Key, TreeCheck.CompactorOptions with { Gc = TreeCheck.EagerGc }, TimeProvider.System);
        gate.Close();
        var compaction = compactor.CompactFullyAsync();
        await gate.Blocked.WaitAsync(TimeSpan.FromSeconds(10));
        var uploaded = (await _h.Store.ListAllAsync("sst/")).Select(o => o.Key).ToList();
        var report = await compactor.CollectGarbageAsync();
        Assert.DoesNotContain(unpublished, report.Tables);
        Assert.Empty(report.Tables); // the outputs are unreferenced but younger than the running job
        gate.Open();
        Assert.True(await compaction);
        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        await TreeCheck.AssertWellFormedAsync(_h.Store, latest.Manifest);
        Assert.All(latest.Manifest.Runs.SelectMany(r => r.Tables), t => Assert.Contains(SstInfo.ObjectKey(t.Id), uploaded));
        await using var check = await _h.OpenAsync(options: CompactorTests.External);
        await model.AssertMatchesAsync(check);
    }
}
