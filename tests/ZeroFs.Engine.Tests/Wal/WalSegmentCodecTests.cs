using ZeroFs.Crypto;
using ZeroFs.Engine.Wal;

namespace ZeroFs.Engine.Tests.Wal;

public sealed class WalSegmentCodecTests
{
    [Fact]
    public void RoundTrip_SealedSegment()
    {
        var random = new Random(7);
        using var buffer = new WalSegmentBuffer();
        var expected = new List<(ulong, long, WriteBatch)>();
        for (var b = 0; b < 50; b++)
        {
            var batch = new WriteBatch();
            for (var e = 0; e < random.Next(1, 10); e++)
            {
                if (random.Next(4) == 0)
                {
                    batch.Delete(TestData.RandomKey(random));
                }
                else
                {
                    batch.Put(TestData.RandomKey(random), TestData.RandomValue(random));
                }
            }

            buffer.Append((ulong)b + 10, 1000 + b, batch);
            expected.Add(((ulong)b + 10, 1000 + b, batch));
        }

        using var key = DataKey.Generate();
        using var sealer = new BlockSealer(key, KeyDomain.Wal, CompressionOptions.Default);
        var sealedBytes = WalSegmentCodec.Seal(sealer, 3, buffer.Plaintext);
        var records = WalSegmentCodec.Open(sealer, 3, sealedBytes);
        Assert.Equal(expected.Count, records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(expected[i].Item1, records[i].Seq);
            Assert.Equal(expected[i].Item2, records[i].Timestamp);
            Assert.Equal(expected[i].Item3.Count, records[i].Batch.Count);
            for (var e = 0; e < records[i].Batch.Count; e++)
            {
                Assert.Equal(expected[i].Item3[e].Kind, records[i].Batch[e].Kind);
                Assert.Equal(expected[i].Item3[e].Key.ToArray(), records[i].Batch[e].Key.ToArray());
                Assert.Equal(expected[i].Item3[e].Value.ToArray(), records[i].Batch[e].Value.ToArray());
            }
        }

        Assert.Throws<CorruptionException>(() => WalSegmentCodec.Open(sealer, 4, sealedBytes));
    }

    [Fact]
    public void Golden_PlaintextEncoding_IsStable()
    {
        using var buffer = new WalSegmentBuffer();
        buffer.Append(5, 1000, new WriteBatch().Put("k"u8, "v"u8).Delete("d"u8));

        // u8 version, u32 count, u64 seq, i64 ts, u32 entries, (kind, varint kl, varint vl, key, value)*
        Assert.Equal(
            "01" + "01000000" + "0500000000000000" + "e803000000000000" + "02000000" + "0101016b76" + "02010064",
            TestData.Hex(buffer.Plaintext));
    }

    [Fact]
    public void Decode_Truncated_IsCorruption()
    {
        using var buffer = new WalSegmentBuffer();
        buffer.Append(5, 1000, new WriteBatch().Put("key"u8, "value"u8));
        var plain = buffer.Plaintext.ToArray();
        for (var cut = 0; cut < plain.Length; cut++)
        {
            Assert.Throws<CorruptionException>(() => WalSegmentCodec.Decode(plain.AsSpan(0, cut)));
        }
    }
}
