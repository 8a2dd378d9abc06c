using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Manifest;

public sealed class ManifestStoreTests : IDisposable
{
    private readonly DataKey _key = DataKey.Generate();
    private readonly BlockSealer _sealer;
    private readonly MemoryObjectStore _store = new();

    public ManifestStoreTests() => _sealer = new BlockSealer(_key, KeyDomain.Manifest, CompressionOptions.Default);

    public void Dispose()
    {
        _sealer.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task TryCreate_TwoRacersForSameId_ExactlyOneWins()
    {
        var a = new ManifestStore(_store, _sealer);
        var b = new ManifestStore(_store, _sealer);
        Assert.True(await a.TryCreateAsync(1, new DbManifest()));
        for (var round = 0; round < 20; round++)
        {
            var id = (ulong)round + 2;
            var results = await Task.WhenAll(
                Task.Run(() => a.TryCreateAsync(id, new DbManifest { WriterEpoch = 1 })),
                Task.Run(() => b.TryCreateAsync(id, new DbManifest { WriterEpoch = 2 })));
            Assert.Equal(1, results.Count(r => r));
        }
    }

    [Fact]
    public async Task Update_ConcurrentWriters_MergeAndRetryLosesNothing()
    {
        var seed = new ManifestStore(_store, _sealer);
        Assert.True(await seed.TryCreateAsync(1, new DbManifest()));
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = new ManifestStore(_store, _sealer);
            for (var j = 0; j < 5; j++)
            {
                await store.UpdateAsync(l => l.Manifest with { LastL0Seq = l.Manifest.LastL0Seq + 1 });
            }
        }));
        await Task.WhenAll(tasks);
        var latest = await new ManifestStore(_store, _sealer).ReadLatestAsync();
        Assert.Equal(41UL, latest!.Id);
        Assert.Equal(40UL, latest.Manifest.LastL0Seq);
    }

    [Fact]
    public async Task TryCreate_IdAtOrBelowFloor_NotReportedAsSuccess()
    {
        var store = new ManifestStore(_store, _sealer);
        Assert.True(await store.TryCreateAsync(1, new DbManifest()));

        // GC deleted 1..5 and advanced the floor; a stalled writer now re-creates id 3.
        await _store.PutAsync(ManifestStore.FloorKey, "5"u8.ToArray(), PutCondition.Overwrite);
        Assert.False(await store.TryCreateAsync(3, new DbManifest()));
        Assert.True(await store.TryCreateAsync(6, new DbManifest()));
    }

    [Fact]
    public async Task ReadLatest_ProbesFromCache_AndFallsBackToList()
    {
        var writer = new ManifestStore(_store, _sealer);
        Assert.True(await writer.TryCreateAsync(1, new DbManifest()));
        var reader = new ManifestStore(_store, _sealer);
        Assert.Equal(1UL, (await reader.ReadLatestAsync())!.Id);

        // Within the probe window.
        for (ulong id = 2; id <= 3; id++)
        {
            Assert.True(await writer.TryCreateAsync(id, new DbManifest { WriterEpoch = id }));
        }

        var counting = new CountingObjectStore(_store);
        var probing = new ManifestStore(counting, _sealer);
        Assert.Equal(3UL, (await probing.ReadLatestAsync())!.Id); // LIST on first read
        counting.Reset();
        for (ulong id = 4; id <= 5; id++)
        {
            Assert.True(await writer.TryCreateAsync(id, new DbManifest { WriterEpoch = id }));
        }

        var latest = await probing.ReadLatestAsync();
        Assert.Equal(5UL, latest!.Id);
        Assert.Equal(5UL, latest.Manifest.WriterEpoch);
        Assert.Equal(4, counting.Gets); // 4, 5, the missing 6, then the floor (was 6 deleted by GC?)

        // Beyond the window: LIST fallback.
        for (ulong id = 6; id <= 15; id++)
        {
            Assert.True(await writer.TryCreateAsync(id, new DbManifest { WriterEpoch = id }));
        }

        Assert.Equal(15UL, (await probing.ReadLatestAsync())!.Manifest.WriterEpoch);
    }

    [Fact]
    public async Task ReadLatest_EmptyStore_IsNull() => Assert.Null(await new ManifestStore(_store, _sealer).ReadLatestAsync());

    [Fact]
    public void Key_IsFixedWidth_AndParses()
    {
        Assert.Equal("manifest/00000000000000000042.mf", ManifestStore.Key(42));
        Assert.True(ManifestStore.TryParseKey(ManifestStore.Key(ulong.MaxValue), out var id));
        Assert.Equal(ulong.MaxValue, id);
        Assert.False(ManifestStore.TryParseKey("manifest/42.mf", out _));
    }
}
