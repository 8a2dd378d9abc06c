using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Tests.Gc;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>The memory accountant: writes wait at the budget, memtable slabs are reused, and readers keep the slabs they read.</summary>
public sealed class MemoryBudgetTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static byte[] Value(int i, int round, int length = 8 * 1024)
    {
        var value = new byte[length];
        new Random((i * 31) + round).NextBytes(value);
        return value;
    }

    // Working buffers: a 5 MiB WAL reserve (1 MiB segments) and 3 smallest segments per upload
    // slot (two slots, no embedded compactor): 35.75 MiB. A 40 MiB budget with a 1 MiB metadata
    // cache leaves 3.25 MiB for memtables, far below MaxUnflushedBytes.
    private static readonly EngineOptions Budgeted = Options with
    {
        L0TableBytes = 1024 * 1024,
        MaxUnflushedBytes = 64L * 1024 * 1024,
        WalMaxBytes = 1024 * 1024,
        Sst = new Engine.Sst.SstWriterOptions { PartBytes = Engine.Sst.SstWriterOptions.MinPartBytes },
        MemoryBudgetBytes = 40L * 1024 * 1024,
        BlockCacheBytes = 0,
        MetadataCacheBytes = 1024 * 1024,
    };

    [Fact]
    public void Options_BudgetLeavesMemtablesTheRest_AndRefusesTooSmallABudget()
    {
        Assert.Equal((long)(3.25 * 1024 * 1024), Budgeted.EffectiveMaxUnflushedBytes);
        Assert.Equal(Options.MaxUnflushedBytes, Options.EffectiveMaxUnflushedBytes);
        Assert.Equal(Options.DefaultMemoryBudget, Options.EffectiveMemoryBudget);
        var e = Assert.Throws<ArgumentException>(() => (Budgeted with { MemoryBudgetBytes = 38L * 1024 * 1024 }).Validate());
        Assert.Contains("leaves", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_AtTheBudget_WaitUntilUploadsReleaseMemory()
    {
        // Table uploads are held, so memtables can only pile up: the budget, far below
        // MaxUnflushedBytes, must stop the writes.
        var gate = new GatedObjectStore(_h.Store, "sst/");
        gate.Close();
        await using var db = await _h.OpenAsync(gate, Budgeted);
        try
        {
            Task<long>? stuck = null;
            for (var i = 0; i < 2000 && stuck is null; i++)
            {
                var write = db.PutAsync(K(i), Value(i, 0)).AsTask();
                if (await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(2))) != write)
                {
                    stuck = write;
                }
            }

            Assert.NotNull(stuck);

            // Slab granularity: each memtable's last slab is partly filled.
            var usage = db.MemoryUsage;
            Assert.InRange(usage.Memtables, Budgeted.L0TableBytes * 2, Budgeted.EffectiveMaxUnflushedBytes + (2 * Budgeted.L0TableBytes));
            Assert.True(usage.Total <= usage.Budget, $"total {usage.Total} over the budget {usage.Budget}");

            gate.Open();
            await stuck.WaitAsync(TimeSpan.FromSeconds(30));
            await db.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(Value(3, 0), await db.GetValueAsync(K(3)));
        }
        finally
        {
            gate.Open(); // never leave the close waiting for a held upload
        }
    }

    [Fact]
    public async Task Snapshots_HoldingPublishedMemtables_AreCounted_AndWritesGoOn()
    {
        await using var db = await _h.OpenAsync(options: Budgeted);
        var snapshots = new List<Snapshot>();
        for (var round = 0; round < 12; round++)
        {
            for (var i = 0; i < 64; i++)
            {
                await db.PutAsync(K(i), Value(i, round));
            }

            snapshots.Add(db.GetSnapshot());
        }

        await db.FlushAsync();
        var held = db.MemoryUsage;
        Assert.True(held.Memtables > Budgeted.EffectiveMaxUnflushedBytes, $"memtables {held.Memtables}: snapshot-held slabs are not counted");
        for (var round = 0; round < 12; round++)
        {
            var value = new System.Buffers.ArrayBufferWriter<byte>();
            Assert.Equal(LookupStatus.Found, (await snapshots[round].GetAsync(K(7), value)).Status);
            Assert.Equal(Value(7, round), value.WrittenSpan.ToArray());
        }

        foreach (var snapshot in snapshots)
        {
            snapshot.Dispose();
        }

        Assert.True(db.MemoryUsage.Memtables < held.Memtables);
        Assert.True(db.MemtableSlabs.RentedBytes <= Budgeted.EffectiveMaxUnflushedBytes + MemtableArena.SlabBytes);
    }

    [Fact]
    public async Task Ingest_ManyTimesTheMemtableBudget_ReusesSlabs()
    {
        var options = Options with
        {
            L0TableBytes = 2L * 1024 * 1024,
            MaxUnflushedBytes = 8L * 1024 * 1024,
            BlockCacheBytes = 0,
        };
        await using var db = await _h.OpenAsync(options: options);
        long seq = 0;
        const int Count = 8 * 1024; // 64 MiB of values: eight times MaxUnflushedBytes
        for (var i = 0; i < Count; i++)
        {
            seq = await db.PutAsync(K(i), Value(i, 1));
        }

        await db.WaitDurableAsync(seq);
        var slabsWithoutReuse = Count * 8L * 1024 / MemtableArena.SlabBytes;
        Assert.True(db.MemtableSlabs.Allocations < slabsWithoutReuse / 2, $"{db.MemtableSlabs.Allocations} slabs allocated for {slabsWithoutReuse} slabs of data");
        for (var i = 0; i < Count; i += 97)
        {
            Assert.Equal(Value(i, 1), await db.GetValueAsync(K(i)));
        }
    }

    [Fact]
    public async Task SnapshotAndScan_HoldTheirMemtables_WhileSlabsAreReusedAround_Them()
    {
        var options = Options with
        {
            L0TableBytes = 1024 * 1024,
            MaxUnflushedBytes = 8L * 1024 * 1024,
            BlockCacheBytes = 0,
        };
        await using var db = await _h.OpenAsync(options: options);
        for (var i = 0; i < 64; i++)
        {
            await db.PutAsync(K(i), Value(i, 0));
        }

        // Both read the first memtable, still unpublished.
        using var snapshot = db.GetSnapshot();
        using var scan = db.Scan();
        Assert.True(await scan.MoveNextAsync());

        // Many memtables' worth of newer versions: the first memtable is published and released
        // by the writer, and later memtables reuse every slab nobody holds.
        for (var round = 1; round <= 6; round++)
        {
            for (var i = 0; i < 256; i++)
            {
                await db.PutAsync(K(i), Value(i, round));
            }
        }

        await db.FlushAsync();
        Assert.True(db.MemtableSlabs.Allocations < 6 * 256 * 8 * 1024 / MemtableArena.SlabBytes, "slabs were not reused");
        for (var i = 0; i < 64; i++)
        {
            var result = new System.Buffers.ArrayBufferWriter<byte>();
            var lookup = await snapshot.GetAsync(K(i), result);
            Assert.Equal(LookupStatus.Found, lookup.Status);
            Assert.Equal(Value(i, 0), result.WrittenSpan.ToArray());
        }

        // The scan sees the state it started at: the 64 first values, as first written.
        var scanned = 0;
        do
        {
            Assert.Equal(K(scanned), scan.Key.ToArray());
            Assert.Equal(Value(scanned, 0), scan.Value.ToArray());
            scanned++;
        }
        while (await scan.MoveNextAsync());

        Assert.Equal(64, scanned);
        Assert.Equal(Value(5, 6), await db.GetValueAsync(K(5)));
    }
}
