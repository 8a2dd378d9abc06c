using System.Buffers.Binary;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Tests.Sst;

public class BlockTests
{
    private static List<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> SortedEntries(int seed, int count, int maxValue = 64)
    {
        var random = new Random(seed);
        var entries = new List<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)>();
        var seen = new HashSet<string>();
        while (entries.Count < count)
        {
            var key = TestData.RandomKey(random);
            var seq = (ulong)random.Next(1, 1000);
            if (seen.Add(Convert.ToHexString(key) + ":" + seq))
            {
                var kind = random.Next(5) == 0 ? EntryKind.Delete : EntryKind.Put;
                entries.Add((key, seq, kind, kind == EntryKind.Delete ? [] : TestData.RandomValue(random, maxValue)));
            }
        }

        entries.Sort((a, b) => ZeroFs.Engine.Format.InternalKey.Compare(a.Key, a.Seq, b.Key, b.Seq));
        return entries;
    }

    private static byte[] Build(IEnumerable<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> entries)
    {
        using var builder = new BlockBuilder();
        foreach (var e in entries)
        {
            builder.Add(e.Key, e.Seq, e.Kind, e.Value);
        }

        return builder.Finish().ToArray();
    }

    [Fact]
    public void Finish_TwoEntries_MatchesGoldenBytes()
    {
        // format v1: entries, then u32 restart offsets, u32 count (docs/formats/data-block.md)
        using var builder = new BlockBuilder();
        builder.Add("abc"u8, 5, EntryKind.Put, "v1"u8);
        builder.Add("abd"u8, 4, EntryKind.Delete, []);
        var hex = TestData.Hex(builder.Finish());
        Assert.Equal(
            "000302" + "01" + "0500000000000000" + "616263" + "7631"
            + "020100" + "02" + "0400000000000000" + "64"
            + "00000000" + "01000000",
            hex);
    }

    [Fact]
    public void Iterate_RandomEntries_RoundTripsAllFields()
    {
        var entries = SortedEntries(seed: 11, count: 500);
        var block = Build(entries);
        var layout = BlockLayout.Parse(block);
        Assert.Equal((500 + BlockBuilder.RestartInterval - 1) / BlockBuilder.RestartInterval, layout.RestartCount);
        using var it = new BlockIterator();
        it.Reset(block, layout);
        var i = 0;
        for (var ok = it.SeekToFirst(); ok; ok = it.MoveNext(), i++)
        {
            Assert.Equal(entries[i].Key, it.Key.ToArray());
            Assert.Equal(entries[i].Seq, it.Seq);
            Assert.Equal(entries[i].Kind, it.Kind);
            Assert.Equal(entries[i].Value, it.Value.ToArray());
        }

        Assert.Equal(entries.Count, i);
    }

    [Fact]
    public void RestartPoints_EveryRestart_StoresWholeKeyAtRecordedOffset()
    {
        var entries = SortedEntries(seed: 12, count: 100);
        var block = Build(entries);
        var layout = BlockLayout.Parse(block);
        for (var r = 0; r < layout.RestartCount; r++)
        {
            var offset = layout.RestartOffset(block, r);
            Assert.True(ZeroFs.Engine.Format.EntryCodec.TryReadHeader(block.AsSpan(offset, layout.DataEnd - offset), out var h));
            Assert.Equal(0, h.Shared);
            Assert.Equal(entries[r * BlockBuilder.RestartInterval].Key, block.AsSpan(offset + h.HeaderLength, h.SuffixLength).ToArray());
        }
    }

    [Fact]
    public void Seek_EveryKeyBetweenKeysAndOutside_MatchesLinearModel()
    {
        var entries = SortedEntries(seed: 13, count: 300);
        var block = Build(entries);
        var layout = BlockLayout.Parse(block);
        using var it = new BlockIterator();
        it.Reset(block, layout);
        var random = new Random(14);
        var probes = entries.Select(e => (e.Key, e.Seq)).ToList();
        for (var i = 0; i < 500; i++)
        {
            probes.Add((TestData.RandomKey(random), (ulong)random.Next(0, 1100)));
        }

        probes.Add(([0], ulong.MaxValue));
        probes.Add(([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 0));
        foreach (var (key, seq) in probes)
        {
            var expected = entries.FindIndex(e => ZeroFs.Engine.Format.InternalKey.Compare(e.Key, e.Seq, key, seq) >= 0);
            var found = it.Seek(key, seq);
            Assert.Equal(expected >= 0, found);
            if (found)
            {
                Assert.Equal(entries[expected].Key, it.Key.ToArray());
                Assert.Equal(entries[expected].Seq, it.Seq);
            }

            // Point lookup: newest version of key with seq <= snapshot.
            var model = entries.FindIndex(e => e.Key.AsSpan().SequenceEqual(key) && e.Seq <= seq);
            Assert.Equal(model >= 0, BlockSearch.TryFind(block, layout, key, seq, out var hit));
            if (model >= 0)
            {
                Assert.Equal(entries[model].Seq, hit.Header.Seq);
                Assert.Equal(entries[model].Value, block.AsSpan(hit.ValueOffset, hit.Header.ValueLength).ToArray());
            }
        }
    }

    [Fact]
    public void Build_ValuesLargerThan64KiB_UsesU32OffsetsAndRoundTrips()
    {
        var big = new byte[40_000];
        new Random(5).NextBytes(big);
        var entries = Enumerable.Range(0, 40)
            .Select(i => (Key: TestData.Key($"chunk/{i:D4}"), Seq: 7UL, Kind: EntryKind.Put, Value: big))
            .ToList();
        var block = Build(entries);
        Assert.True(block.Length > 1_500_000);
        var layout = BlockLayout.Parse(block);
        Assert.True(layout.RestartOffset(block, layout.RestartCount - 1) > 65_535);
        Assert.True(BlockSearch.TryFind(block, layout, TestData.Key("chunk/0039"), 7, out var hit));
        Assert.Equal(big, block.AsSpan(hit.ValueOffset, hit.Header.ValueLength).ToArray());
    }

    [Fact]
    public void Add_OutOfOrder_Throws()
    {
        using var builder = new BlockBuilder();
        builder.Add("b"u8, 1, EntryKind.Put, []);
        Assert.Throws<InvalidOperationException>(() => builder.Add("a"u8, 1, EntryKind.Put, []));
        Assert.Throws<InvalidOperationException>(() => builder.Add("b"u8, 1, EntryKind.Put, []));
        Assert.Throws<InvalidOperationException>(() => builder.Add("b"u8, 2, EntryKind.Put, []));
    }

    [Fact]
    public void Parse_CorruptTrailer_ThrowsCorruption()
    {
        var block = Build(SortedEntries(seed: 15, count: 40));
        var badCount = block.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(badCount.AsSpan(badCount.Length - 4), 1_000_000);
        Assert.Throws<CorruptionException>(() => BlockLayout.Parse(badCount));
        var badOffset = block.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(badOffset.AsSpan(badOffset.Length - 8), 0xFFFFFF);
        Assert.Throws<CorruptionException>(() => BlockLayout.Parse(badOffset));
    }
}
