using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>Tables larger than one upload part: streamed in parts, through faults and crashes, within a few segments of memory.</summary>
public sealed class StreamedTableTests : IDisposable
{
    private const int ValueBytes = 32 * 1024;

    // ~12 MiB memtables of incompressible 32 KiB values: every L0 table takes three parts of the
    // smallest part size, so the multipart path runs end to end.
    private static readonly EngineOptions Large = Options with
    {
        L0TableBytes = 12L * 1024 * 1024,
        MaxUnflushedBytes = 64L * 1024 * 1024,
        WalMaxBytes = 4 * 1024 * 1024,
        Sst = new SstWriterOptions { PartBytes = SstWriterOptions.MinPartBytes },
        BlockCacheBytes = 0,
    };

    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static byte[] Value(int i, int round = 0)
    {
        var value = new byte[ValueBytes];
        new Random((i * 10) + round).NextBytes(value);
        return value;
    }

    private static async Task<long> WriteAsync(Engine.Db db, int from, int count, int round = 0)
    {
        long seq = 0;
        for (var i = from; i < from + count; i++)
        {
            seq = await db.PutAsync(K(i), Value(i, round));
        }

        return seq;
    }

    private static async Task AssertValuesAsync(Engine.Db db, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(Value(i), await db.GetValueAsync(K(i)));
        }
    }

    [Fact]
    public async Task L0Tables_LargerThanAPart_UploadedInPartsAndReadBack()
    {
        var steps = new FaultInjectingObjectStore(_h.Store, new FaultPlan());
        await using (var db = await _h.OpenAsync(steps, Large))
        {
            await db.WaitDurableAsync(await WriteAsync(db, 0, 900));

            // Three table writers' worth at most: filling, ready and uploading, per upload slot.
            Assert.InRange(db.TableSegments.PeakRentedBytes, SstWriterOptions.MinPartBytes, 3L * Large.L0UploadParallelism * SstWriterOptions.MinPartBytes);
        }

        Assert.Contains(steps.Steps, s => s.Operation == ObjectStoreOperation.UploadPart && s.Key.StartsWith("sst/", StringComparison.Ordinal));
        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        Assert.Contains(latest.Manifest.L0, t => (long)t.Size > 2L * ObjectUploadLimits.MinPartBytes);
        await using var reopened = await _h.OpenAsync(options: Large);
        await AssertValuesAsync(reopened, 900);
    }

    [Fact]
    public async Task Parts_TransientAndAmbiguousFailures_RetriedWithoutCorruption()
    {
        var faults = new FaultInjectingObjectStore(_h.Store, new FaultPlan
        {
            Rules =
            [
                new FaultRule(FaultKind.Transient, ObjectStoreOperation.UploadPart, "sst/", OnCall: 1, Times: 2),
                new FaultRule(FaultKind.TransientAfterEffect, ObjectStoreOperation.UploadPart, "sst/", OnCall: 4, Times: 2),
            ],
        });
        var store = new RetryingObjectStore(faults, new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }, TimeProvider.System);
        await using (var db = await _h.OpenAsync(store, Large))
        {
            await db.WaitDurableAsync(await WriteAsync(db, 0, 700));
        }

        await using var reopened = await _h.OpenAsync(options: Large);
        await AssertValuesAsync(reopened, 700);
    }

    [Fact]
    public async Task CrashDuringAPartUpload_NoPartialTableVisible_DurableWritesSurvive()
    {
        // Crash at the second part of the first table: its upload is abandoned mid-way.
        var probe = new FaultInjectingObjectStore(new MemoryObjectStore(), new FaultPlan());
        await using (var db = await _h.OpenAsync(probe, Large with { PublishOnClose = false }))
        {
            await db.WaitDurableAsync(await WriteAsync(db, 0, 450));
        }

        var crashAt = probe.Steps.Where(s => s.Operation == ObjectStoreOperation.UploadPart).Skip(1).First().Step;
        var faulty = new FaultInjectingObjectStore(_h.Store, new FaultPlan { CrashAtStep = crashAt });
        var durable = 0;
        Engine.Db? crashed = null;
        try
        {
            crashed = await _h.OpenAsync(faulty, Large with { PublishOnClose = false });
            for (var i = 0; i < 450; i++)
            {
                await crashed.WaitDurableAsync(await crashed.PutAsync(K(i), Value(i)));
                durable = i + 1;
            }
        }
        catch (Exception ex) when (ex is SimulatedCrashException or EngineFailedException or ObjectDisposedException)
        {
        }
        finally
        {
            if (crashed is not null)
            {
                await crashed.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        Assert.True(faulty.HasCrashed);
        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        var published = latest.Manifest.L0.Select(t => SstInfo.ObjectKey(t.Id)).ToHashSet();
        await foreach (var meta in _h.Store.ListAsync("sst/"))
        {
            Assert.Contains(meta.Key, published); // an abandoned upload leaves no object
        }

        await using var reopened = await _h.OpenAsync(options: Large);
        await AssertValuesAsync(reopened, durable);
    }

    [Fact]
    public async Task Compaction_OutputsLargerThanAPart_StreamedAndModelIdentical()
    {
        await using (var db = await _h.OpenAsync(options: Large))
        {
            for (var round = 0; round < 4; round++)
            {
                await WriteAsync(db, round * 100, 150, round); // overlapping rounds: newer versions win
                await db.FlushAsync();
            }
        }

        var options = TreeCheck.CompactorOptions with
        {
            MaxTableBytes = 11L * 1024 * 1024,
            Sst = new SstWriterOptions { PartBytes = SstWriterOptions.MinPartBytes },
        };
        var steps = new FaultInjectingObjectStore(_h.Store, new FaultPlan());
        await using (var compactor = await Compactor.OpenAsync(steps, _h.Key, options, TimeProvider.System))
        {
            Assert.True(await compactor.CompactFullyAsync());
        }

        var latest = await TreeCheck.LatestAsync(_h.Store, _h.Key);
        var run = Assert.Single(latest.Manifest.Runs);
        Assert.True(run.Tables.Length >= 2, $"{run.Tables.Length} output tables");
        Assert.Contains(run.Tables, t => (long)t.Size > ObjectUploadLimits.MinPartBytes * 2L);
        Assert.Contains(steps.Steps, s => s.Operation == ObjectStoreOperation.UploadPart);
        await TreeCheck.AssertWellFormedAsync(_h.Store, latest.Manifest);
        await using var reopened = await _h.OpenAsync(options: Large);
        for (var i = 0; i < 450; i++)
        {
            Assert.Equal(Value(i, Math.Min(i / 100, 3)), await reopened.GetValueAsync(K(i)));
        }
    }
}
