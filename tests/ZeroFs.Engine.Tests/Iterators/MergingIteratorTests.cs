using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Sst;

namespace ZeroFs.Engine.Tests.Iterators;

public sealed class MergingIteratorTests : IDisposable
{
    private readonly SstFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task GetAndScan_RandomMemtablesAndTables_MatchModel(int seed)
    {
        var random = new Random(seed * 101);
        const ulong MaxSeq = 5_000;
        var model = Model.Random(random, random.Next(50, 1500), maxVersions: 5, maxSeq: MaxSeq, maxValue: 100);
        var sourceCount = random.Next(1, 7);

        // Sources hold disjoint seq bands, newest band first (the LSM invariant the get path relies on).
        var bands = Enumerable.Range(0, sourceCount).Select(_ => new List<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)>()).ToArray();
        foreach (var e in model.Entries())
        {
            var band = (int)((e.Seq - 1) * (ulong)sourceCount / MaxSeq);
            bands[sourceCount - 1 - band].Add(e);
        }

        var memtables = new List<SkipListMemtable>();
        var tables = new List<SstReader>();
        var sawTable = false;
        foreach (var band in bands)
        {
            // Memtables are always newer than tables.
            var asTable = band.Count > 0 && (sawTable || random.Next(2) == 0);
            if (asTable)
            {
                sawTable = true;
                var info = await _fixture.WriteAsync(SstFixture.NewTableId(), band, new SstWriterOptions { BlockBytes = 4096 });
                tables.Add(await _fixture.OpenAsync(info));
            }
            else
            {
                var memtable = new SkipListMemtable((ulong)seed);
                foreach (var e in band)
                {
                    memtable.Insert(e.Key, e.Seq, e.Kind, e.Value);
                }

                memtables.Add(memtable);
            }
        }

        var view = new ReadView([.. memtables], [.. tables]);
        var keys = model.Versions.Keys.ToList();
        var probes = keys.Where((_, i) => i % 3 == 0).Concat(Enumerable.Range(0, 100).Select(_ => TestData.RandomKey(random))).ToList();
        foreach (var snapshot in new ulong[] { 0, 1, MaxSeq / 4, MaxSeq / 2, MaxSeq - 1, ulong.MaxValue })
        {
            foreach (var key in probes)
            {
                using var value = new PooledBuffer();
                var result = await view.GetAsync(key, snapshot, value);
                var expected = model.Get(key, snapshot);
                if (expected is null)
                {
                    Assert.Equal(LookupStatus.NotFound, result.Status);
                }
                else
                {
                    Assert.Equal(expected.Value.Kind == EntryKind.Put ? LookupStatus.Found : LookupStatus.Deleted, result.Status);
                    Assert.Equal(expected.Value.Seq, result.Seq);
                    Assert.Equal(expected.Value.Kind == EntryKind.Put ? expected.Value.Value : [], value.WrittenSpan.ToArray());
                }
            }

            for (var s = 0; s < 4; s++)
            {
                byte[]? start = s == 0 ? null : random.Next(2) == 0 ? keys[random.Next(keys.Count)] : TestData.RandomKey(random);
                byte[]? end = s == 0 ? null : random.Next(3) == 0 ? null : TestData.RandomKey(random);
                await AssertScanAsync(view, model, start, end, snapshot);
            }
        }
    }

    [Fact]
    public async Task Merge_EqualKeyAndSeqInTwoSources_NewerSourceFirst()
    {
        var newer = new SkipListMemtable();
        var older = new SkipListMemtable();
        newer.Insert("k"u8, 5, EntryKind.Put, "new"u8);
        older.Insert("k"u8, 5, EntryKind.Put, "old"u8);
        older.Insert("a"u8, 1, EntryKind.Put, "a"u8);
        using var merge = new MergingIterator([newer.NewIterator(), older.NewIterator()]);
        Assert.True(await merge.SeekToFirstAsync());
        Assert.Equal("a"u8.ToArray(), merge.Key.ToArray());
        Assert.True(await merge.MoveNextAsync());
        Assert.Equal("new"u8.ToArray(), merge.Value.ToArray());
        Assert.True(await merge.MoveNextAsync());
        Assert.Equal("old"u8.ToArray(), merge.Value.ToArray());
        Assert.False(await merge.MoveNextAsync());
    }

    [Fact]
    public async Task Scan_TombstoneInNewerSource_HidesOlderValues()
    {
        var newer = new SkipListMemtable();
        var older = new SkipListMemtable();
        newer.Insert("b"u8, 9, EntryKind.Delete, []);
        older.Insert("a"u8, 1, EntryKind.Put, "a"u8);
        older.Insert("b"u8, 2, EntryKind.Put, "b"u8);
        older.Insert("c"u8, 3, EntryKind.Put, "c"u8);
        var view = new ReadView([newer, older], []);
        Assert.Equal(["a", "c"], await ScanKeysAsync(view, ulong.MaxValue));
        Assert.Equal(["a", "b", "c"], await ScanKeysAsync(view, 8));
    }

    private static async Task<List<string>> ScanKeysAsync(ReadView view, ulong snapshot)
    {
        using var scan = view.Scan(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, snapshot);
        var keys = new List<string>();
        while (await scan.MoveNextAsync())
        {
            keys.Add(System.Text.Encoding.UTF8.GetString(scan.Key));
        }

        return keys;
    }

    private static async Task AssertScanAsync(ReadView view, Model model, byte[]? start, byte[]? end, ulong snapshot)
    {
        using var scan = view.Scan(start ?? ReadOnlyMemory<byte>.Empty, end ?? ReadOnlyMemory<byte>.Empty, snapshot);
        var expected = model.Scan(start, end, snapshot);
        var i = 0;
        while (await scan.MoveNextAsync())
        {
            Assert.True(i < expected.Count, "scan returned more keys than the model");
            Assert.Equal(expected[i].Key, scan.Key.ToArray());
            Assert.Equal(expected[i].Value, scan.Value.ToArray());
            i++;
        }

        Assert.Equal(expected.Count, i);
    }
}
