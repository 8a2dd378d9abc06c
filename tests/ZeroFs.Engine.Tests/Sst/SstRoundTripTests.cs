using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Sst;

public sealed class SstRoundTripTests : IDisposable
{
    private readonly SstFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Theory]
    [InlineData(21, 3000, 4 * 1024)]
    [InlineData(22, 300, 16 * 1024)]
    [InlineData(23, 5000, 64 * 1024)]
    public async Task GetAndScan_RandomVersionsAndTombstones_MatchModel(int seed, int keys, int blockBytes)
    {
        var random = new Random(seed);
        var model = Model.Random(random, keys, maxVersions: 4, maxSeq: 10_000);
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), model.Entries(), new SstWriterOptions { BlockBytes = blockBytes });

        _fixture.Store.Reset();
        var reader = await _fixture.OpenAsync(info);
        Assert.Equal(1, _fixture.Store.Gets); // one ranged GET of filter + index + properties
        Assert.Equal(ByteRange.FromOffset(info.MetaOffset, info.MetaLength), _fixture.Store.Ranges[0]);
        Assert.Equal(keys >= 1000, reader.Filter is not null);
        Assert.Equal((ulong)model.Entries().Count(), reader.Properties.EntryCount);
        Assert.Equal((ulong)model.Entries().Count(e => e.Kind == EntryKind.Delete), reader.Properties.TombstoneCount);
        Assert.Equal(model.Versions.Keys.First(), reader.Properties.MinKey);
        Assert.Equal(model.Versions.Keys.Last(), reader.Properties.MaxKey);

        var probes = model.Versions.Keys.Take(400).Concat(Enumerable.Range(0, 200).Select(_ => TestData.RandomKey(random))).ToList();
        foreach (var snapshot in new ulong[] { 0, 2_500, 5_000, 9_000, ulong.MaxValue })
        {
            foreach (var key in probes)
            {
                var value = new PooledBuffer();
                using var _ = value;
                var result = await reader.GetAsync(key, snapshot, value);
                var expected = model.Get(key, snapshot);
                if (expected is null)
                {
                    Assert.Equal(LookupStatus.NotFound, result.Status);
                    continue;
                }

                Assert.Equal(expected.Value.Kind == EntryKind.Put ? LookupStatus.Found : LookupStatus.Deleted, result.Status);
                Assert.Equal(expected.Value.Seq, result.Seq);
                Assert.Equal(expected.Value.Kind == EntryKind.Put ? expected.Value.Value : [], value.WrittenSpan.ToArray());
            }

            await AssertScanAsync(reader, model, null, null, snapshot);
            var bounds = model.Versions.Keys.ToList();
            var lo = bounds[random.Next(bounds.Count)];
            var hi = bounds[random.Next(bounds.Count)];
            if (lo.AsSpan().SequenceCompareTo(hi) > 0)
            {
                (lo, hi) = (hi, lo);
            }

            await AssertScanAsync(reader, model, lo, hi, snapshot);
            await AssertScanAsync(reader, model, TestData.RandomKey(random), null, snapshot);
        }
    }

    [Fact]
    public async Task Iterate_FullTable_YieldsEveryVersionInOrderAndNeverSplitsAKey()
    {
        var random = new Random(31);
        var model = new Model();
        for (var i = 0; i < 400; i++)
        {
            var key = TestData.Key($"key/{i:D5}");
            var versions = random.Next(1, i % 50 == 0 ? 200 : 6); // a few keys with many versions
            for (var v = 1; v <= versions; v++)
            {
                model.Add(key, (ulong)v, v % 7 == 0 ? EntryKind.Delete : EntryKind.Put, v % 7 == 0 ? [] : TestData.RandomValue(random, 200));
            }
        }

        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), model.Entries(), new SstWriterOptions { BlockBytes = 4096 });
        var reader = await _fixture.OpenAsync(info);
        Assert.True(reader.Index.Count > 10);

        byte[]? previousLast = null;
        for (var b = 0; b < reader.Index.Count; b++)
        {
            var block = await reader.ReadBlockAsync(b);
            using var it = new BlockIterator();
            it.Reset(block.Memory, block.Layout);
            Assert.True(it.SeekToFirst());
            var first = it.Key.ToArray();
            Assert.True(reader.Index.Separator(b).SequenceCompareTo(first) <= 0);
            if (previousLast is not null)
            {
                Assert.True(previousLast.AsSpan().SequenceCompareTo(first) < 0, "one user key's versions span two blocks");
                Assert.True(reader.Index.Separator(b).SequenceCompareTo(previousLast) > 0);
            }

            byte[] last = first;
            while (it.MoveNext())
            {
                last = it.Key.ToArray();
            }

            previousLast = last;
            block.Release();
        }

        using var table = new SstIterator(reader);
        var expected = model.Entries().ToList();
        var n = 0;
        for (var ok = await table.SeekToFirstAsync(); ok; ok = await table.MoveNextAsync(), n++)
        {
            Assert.Equal(expected[n].Key, table.Key.ToArray());
            Assert.Equal(expected[n].Seq, table.Seq);
            Assert.Equal(expected[n].Kind, table.Kind);
            Assert.Equal(expected[n].Value, table.Value.ToArray());
        }

        Assert.Equal(expected.Count, n);
    }

    [Fact]
    public async Task Write_ChunkSizedValues_EachBecomesItsOwnBlock()
    {
        var random = new Random(41);
        var model = new Model();
        model.Add(TestData.Key("a/inode"), 3, EntryKind.Put, TestData.RandomValue(random, 100));
        for (var i = 0; i < 20; i++)
        {
            var chunk = new byte[32 * 1024];
            random.NextBytes(chunk);
            model.Add(TestData.Key($"c/{i:D4}"), 5, EntryKind.Put, chunk);
        }

        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), model.Entries());
        var reader = await _fixture.OpenAsync(info);
        Assert.Equal(21, reader.Index.Count);
        foreach (var (key, versions) in model.Versions)
        {
            using var value = new PooledBuffer();
            var result = await reader.GetAsync(key, ulong.MaxValue, value);
            Assert.Equal(LookupStatus.Found, result.Status);
            Assert.Equal(versions[0].Value, value.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public async Task ReadTail_WrittenTable_PointsAtMetaRegion()
    {
        var model = Model.Random(new Random(51), 50, 2, 100);
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), model.Entries());
        var tail = await SstReader.ReadTailAsync(_fixture.Store, info.TableId);
        Assert.Equal((info.MetaOffset, info.MetaLength, info.Size), tail);
    }

    [Fact]
    public async Task Add_OutOfOrderOrOversizedKey_Throws()
    {
        await using var writer = _fixture.NewWriter(SstFixture.NewTableId());
        writer.Add("b"u8, 5, EntryKind.Put, []);
        Assert.Throws<InvalidOperationException>(() => writer.Add("a"u8, 5, EntryKind.Put, []));
        Assert.Throws<InvalidOperationException>(() => writer.Add("b"u8, 6, EntryKind.Put, []));
        Assert.Throws<ArgumentException>(() => writer.Add(new byte[KeyLimits.MaxKeyLength + 1], 1, EntryKind.Put, []));
        Assert.Throws<ArgumentException>(() => writer.Add([], 1, EntryKind.Put, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => _fixture.NewWriter(SstFixture.NewTableId(), new SstWriterOptions { BlockBytes = 1024 }));
    }

    private static async Task AssertScanAsync(SstReader reader, Model model, byte[]? start, byte[]? end, ulong snapshot)
    {
        using var scan = new VisibleIterator(new SstIterator(reader), snapshot, start ?? ReadOnlyMemory<byte>.Empty, end ?? ReadOnlyMemory<byte>.Empty);
        var actual = new List<(byte[] Key, byte[] Value)>();
        while (await scan.MoveNextAsync())
        {
            actual.Add((scan.Key.ToArray(), scan.Value.ToArray()));
        }

        var expected = model.Scan(start, end, snapshot);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.Equal(expected[i].Value, actual[i].Value);
        }
    }
}
