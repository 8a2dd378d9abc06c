using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.ObjectStore;
using ZeroFs.Testing;

namespace ZeroFs.Engine.Tests.Gc;

/// <summary>
/// Invariant 19, the filesystem's TRIM shape: write chunk-sized random values, delete them all,
/// flush, compact fully, GC with min ages 0 → the store shrinks back to about its size before.
/// </summary>
[Collection("moto")]
public sealed class TrimShapeTests(MotoS3Fixture moto, ITestOutputHelper output) : IDisposable
{
    private const int ChunkBytes = 32 * 1024;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(180); // a bound against hangs, not a speed check
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Trim_256MiBOnLocalDirectory_StorageReturnsToBaseline()
    {
        using var directory = new TempDirectory();
        var root = directory.Combine("store");
        await using var store = new LocalDirectoryObjectStore(root);
        await RunAsync(store, 256, () => Task.FromResult(DirectoryBytes(root)), "local");
    }

    [Fact]
    public async Task Trim_32MiBOnMoto_StorageReturnsToBaseline()
    {
        await using var store = new RetryingObjectStore(moto.CreateStore($"trim-{Guid.NewGuid():N}/"), new RetryOptions(), TimeProvider.System);
        await RunAsync(store, 32, async () => (await store.ListAllAsync()).Sum(o => o.Size), "moto");
    }

    private async Task RunAsync(IObjectStore store, int megabytes, Func<Task<long>> measure, string name)
    {
        var options = DbHarness.Options with
        {
            L0TableBytes = 8L * 1024 * 1024,
            MaxUnflushedBytes = 64L * 1024 * 1024,
            WalMaxBytes = 4 * 1024 * 1024,
            CompactorMode = CompactorMode.External,
        };
        var compactorOptions = TreeCheck.CompactorOptions with
        {
            MaxTableBytes = 32L * 1024 * 1024,
            Sst = new Engine.Sst.SstWriterOptions(),
            Gc = TreeCheck.EagerGc,
        };
        var db = await _h.OpenAsync(store, options);
        var baseline = await measure();
        await using var compactor = await Compactor.OpenAsync(store, _h.Key, compactorOptions, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var background = compactor.RunAsync(stop.Token);
        var count = megabytes * 1024 * 1024 / ChunkBytes;
        var random = new Random(1);
        var value = new byte[ChunkBytes];
        for (var i = 0; i < count; i += 16)
        {
            var batch = new WriteBatch();
            for (var j = i; j < i + 16; j++)
            {
                random.NextBytes(value);
                batch.Put(DbHarness.K(j), value);
            }

            await db.WriteAsync(batch).AsTask().WaitAsync(Phase);
        }

        await db.FlushAsync().WaitAsync(Phase);
        var full = await measure();
        for (var i = 0; i < count; i += 256)
        {
            var batch = new WriteBatch();
            for (var j = i; j < Math.Min(i + 256, count); j++)
            {
                batch.Delete(DbHarness.K(j));
            }

            await db.WriteAsync(batch);
        }

        await db.FlushAsync().WaitAsync(Phase);
        await db.DisposeAsync().AsTask().WaitAsync(Phase);

        // Stop the background compactor once it has nothing left to pick (no job torn mid-way).
        var deadline = DateTime.UtcNow + Phase;
        while (CompactionPicker.Pick((await TreeCheck.LatestAsync(store, _h.Key)).Manifest, compactorOptions, new HashSet<Ulid>(), new HashSet<uint>(), 2).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the compactor did not become idle: {TreeCheck.Shape((await TreeCheck.LatestAsync(store, _h.Key)).Manifest)}");
            Assert.False(background.IsCompleted, $"the compactor stopped: {background.Exception}");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await background;

        // Compact fully (releasing its own hold) and collect with a clock past every earlier hold.
        await using (var final = await Compactor.OpenAsync(store, _h.Key, compactorOptions with { ReleaseHoldAfterCommit = true }, new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromHours(1))))
        {
            await final.CompactFullyAsync();
            await final.CollectGarbageAsync();
        }

        var after = await measure();
        foreach (var group in (await store.ListAllAsync()).GroupBy(o => o.Key.Split('/')[0]))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} objects, {group.Sum(o => o.Size)} B");
        }

        output.WriteLine($"{name}: baseline {baseline} B, after writes {full} B, after delete+compact+GC {after} B");
        Assert.True(full > (long)megabytes * 1024 * 1024, $"the writes only grew the store to {full} B");
        Assert.True(after <= baseline + (baseline / 10), $"{name}: {after} B remain of a {baseline} B baseline ({full} B full)");
        await using var check = await _h.OpenAsync(store, options);
        Assert.Null(await check.GetValueAsync(DbHarness.K(0)));
        Assert.Empty(await DbHarness.ScanAllAsync(check));
    }

    private static long DirectoryBytes(string root) =>
        new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
