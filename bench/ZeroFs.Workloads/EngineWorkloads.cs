using System.Diagnostics;
using System.Globalization;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.ObjectStore;

namespace ZeroFs.Workloads;

/// <summary>
/// Engine workloads of the engine issue, on a local directory store (zstd-1 + encryption), each
/// beside a baseline from the same run: ingest vs plain file writes on the same disk, durability
/// latency vs one store PUT, request counts per GiB and at idle, peak RSS vs the memory budgets.
/// </summary>
internal sealed class EngineWorkloads(string workDirectory, long ingestBytes, TimeSpan idleTime, string? only = null, long? memoryBudget = null)
{
    private const int ChunkBytes = 32 * 1024;
    private static readonly TimeSpan IdleSettle = TimeSpan.FromMinutes(2);

    public async Task RunAsync()
    {
        Console.WriteLine($"engine workloads in {workDirectory}; ingest {ingestBytes / (1 << 20)} MiB; idle {idleTime.TotalSeconds:F0} s; memory budget {Options().EffectiveMemoryBudget >> 20} MiB (memtables {Options().EffectiveMaxUnflushedBytes >> 20} MiB)");
        Measure.Line("workload", "result", "baseline", "ratio");
        using var counter = new RequestCounter();
        using var key = DataKey.Generate();
        if (only is null or "ingest")
        {
            await SequentialIngestAsync(key, counter);
        }

        if (only is null or "puts")
        {
            await SmallPutsAsync(key);
        }

        if (only is null or "latency")
        {
            await DurabilityLatencyAsync(key);
        }

        if (only is null or "idle")
        {
            await IdleRequestsAsync(key, counter);
        }
    }

    // With an explicit budget the caches take an eighth and a thirty-second of it; otherwise the
    // defaults apply and the budget is the sum of the parts' bounds.
    private EngineOptions Options() => memoryBudget is { } budget
        ? new() { Compression = CompressionOptions.Parse("zstd-1"), MemoryBudgetBytes = budget, BlockCacheBytes = budget / 8, MetadataCacheBytes = budget / 32 }
        : new() { Compression = CompressionOptions.Parse("zstd-1") };

    private (IObjectStore Store, string Root) NewStore(string name)
    {
        var root = Path.Combine(workDirectory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        return (new InstrumentedObjectStore(new LocalDirectoryObjectStore(root), name), root);
    }

    private async Task SequentialIngestAsync(DataKey key, RequestCounter counter)
    {
        var chunk = new byte[ChunkBytes];
        Measure.FillHalfCompressible(chunk, new Random(1));

        // Baseline: the same bytes to plain files on the same disk, 64 MiB per file, fsync each.
        var plainDir = Path.Combine(workDirectory, "plain-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(plainDir);
        var watch = Stopwatch.StartNew();
        long written = 0;
        var fileIndex = 0;
        while (written < ingestBytes)
        {
            using var handle = File.OpenHandle(Path.Combine(plainDir, $"f{fileIndex++}"), FileMode.CreateNew, FileAccess.Write);
            long offset = 0;
            while (offset < 64L << 20 && written < ingestBytes)
            {
                RandomAccess.Write(handle, chunk, offset);
                offset += ChunkBytes;
                written += ChunkBytes;
            }

            RandomAccess.FlushToDisk(handle);
        }

        var plainRate = written / watch.Elapsed.TotalSeconds;
        Directory.Delete(plainDir, recursive: true);

        var (store, root) = NewStore("ingest");
        counter.Reset();
        Measure.ResetPeakRss();
        var rssBefore = Measure.PeakRssBytes();
        var options = Options();
        watch.Restart();
        var sampler = new MemorySampler();
        await using (var db = await Db.OpenWriterAsync(store, null, key, options, TimeProvider.System))
        {
            sampler.Start(db);
            long seq = 0;
            var index = 0L;
            var keyBytes = new byte[16];
            for (long done = 0; done < ingestBytes; done += ChunkBytes)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(keyBytes, 42);
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(keyBytes.AsSpan(8), index++);
                chunk[0] = (byte)index;
                seq = await db.PutAsync(keyBytes, chunk);
            }

            await db.WaitDurableAsync(seq);
            await sampler.StopAsync();
        }

        var engineRate = ingestBytes / watch.Elapsed.TotalSeconds;
        var peak = Measure.PeakRssBytes();
        var requests = counter.Snapshot();
        var gib = ingestBytes / (double)(1L << 30);
        var budget = options.EffectiveMemoryBudget;
        Measure.Line("sequential ingest, 32 KiB values (WAL+flush)", Measure.Mb(engineRate), "plain files " + Measure.Mb(plainRate),
            (engineRate / plainRate).ToString("F2", CultureInfo.InvariantCulture) + "x");
        Measure.Line("  store requests per GiB ingested",
            string.Join(' ', requests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value / gib:F0}")));
        Measure.Line("  peak RSS during ingest", $"{peak / 1e6:F0} MB (before {rssBefore / 1e6:F0} MB)",
            $"memory budget {budget / 1e6:F0} MB", $"{peak / (double)budget:F2}x");
        Measure.Line("  peak RSS less the runtime before the engine", $"{(peak - rssBefore) / 1e6:F0} MB",
            $"budget less caches {(budget - options.BlockCacheBytes - options.MetadataCacheBytes) / 1e6:F0} MB",
            $"{(peak - rssBefore) / (double)(budget - options.BlockCacheBytes - options.MetadataCacheBytes):F2}x");
        Measure.Line("  peak accounted by the engine", $"{sampler.PeakTotal / 1e6:F0} MB", sampler.PeakParts());
        Measure.Line("  peak GC heap / committed", $"{sampler.PeakHeap / 1e6:F0} / {sampler.PeakCommitted / 1e6:F0} MB", $"gen2 GCs {sampler.Gen2Collections}", sampler.Generations);
        Directory.Delete(root, recursive: true);
    }

    private async Task SmallPutsAsync(DataKey key)
    {
        var (store, root) = NewStore("puts");
        const int Writers = 64;
        const int PerWriter = 8000;
        await using (var db = await Db.OpenWriterAsync(store, null, key, Options(), TimeProvider.System))
        {
            var watch = Stopwatch.StartNew();
            var tasks = new Task[Writers];
            for (var w = 0; w < Writers; w++)
            {
                var writer = w;
                tasks[w] = Task.Run(async () =>
                {
                    var random = new Random(writer);
                    var k = new byte[16];
                    var v = new byte[100];
                    long seq = 0;
                    for (var i = 0; i < PerWriter; i++)
                    {
                        random.NextBytes(k);
                        random.NextBytes(v);
                        seq = await db.PutAsync(k, v);
                    }

                    await db.WaitDurableAsync(seq);
                });
            }

            await Task.WhenAll(tasks);
            var rate = Writers * PerWriter / watch.Elapsed.TotalSeconds;
            Measure.Line($"small random puts, 100 B, {Writers} writers", $"{rate:F0} ops/s");

            // The fsync-per-operation shape: every put waits for durability; group commit shares PUTs.
            watch.Restart();
            const int DurablePerWriter = 200;
            for (var w = 0; w < Writers; w++)
            {
                var writer = w;
                tasks[w] = Task.Run(async () =>
                {
                    var random = new Random(1000 + writer);
                    var k = new byte[16];
                    var v = new byte[100];
                    for (var i = 0; i < DurablePerWriter; i++)
                    {
                        random.NextBytes(k);
                        random.NextBytes(v);
                        await db.WaitDurableAsync(await db.PutAsync(k, v));
                    }
                });
            }

            await Task.WhenAll(tasks);
            rate = Writers * DurablePerWriter / watch.Elapsed.TotalSeconds;
            Measure.Line($"  each put durable (group commit), {Writers} writers", $"{rate:F0} ops/s");
        }

        Directory.Delete(root, recursive: true);
    }

    private async Task DurabilityLatencyAsync(DataKey key)
    {
        var (store, root) = NewStore("latency");
        var payload = new byte[200];
        var baseline = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.PutAsync($"probe/{i:D4}", payload, PutCondition.CreateOnly);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        var engine = new List<double>();
        await using (var db = await Db.OpenWriterAsync(store, null, key, Options(), TimeProvider.System))
        {
            for (var i = 0; i < 50; i++)
            {
                await Task.Delay(20); // idle writer: nothing in flight when the call arrives
                var watch = Stopwatch.StartNew();
                await db.WaitDurableAsync(await db.PutAsync(BitConverter.GetBytes(i), payload));
                engine.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        baseline.Sort();
        engine.Sort();
        var median = Measure.Percentile(engine, 50);
        var baseMedian = Measure.Percentile(baseline, 50);
        Measure.Line("durability call, idle writer (median/p99)",
            $"{median:F2} / {Measure.Percentile(engine, 99):F2} ms",
            $"store PUT {baseMedian:F2} / {Measure.Percentile(baseline, 99):F2} ms",
            $"+{median - baseMedian:F2} ms");
        Directory.Delete(root, recursive: true);
    }

    // An idle writer with its embedded compactor: one write, then the polls' back-off settles
    // (decision engine-0005) before requests are counted over the idle window.
    private async Task IdleRequestsAsync(DataKey key, RequestCounter counter)
    {
        var (store, root) = NewStore("idle");
        await using (var db = await Db.OpenWriterAsync(store, null, key, Options(), TimeProvider.System))
        {
            await db.WaitDurableAsync(await db.PutAsync("k"u8, "v"u8));
            await Task.Delay(IdleSettle);
            counter.Reset();
            await Task.Delay(idleTime);
            var perHour = counter.Total * (3600 / idleTime.TotalSeconds);
            Measure.Line($"store requests at idle (after {IdleSettle.TotalSeconds:F0} s)", $"{perHour:F0} per hour",
                string.Join(' ', counter.Snapshot().OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        }

        Directory.Delete(root, recursive: true);
    }
}
