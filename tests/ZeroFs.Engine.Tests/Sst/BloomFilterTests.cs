using ZeroFs.Engine.Format;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Tests.Sst;

public class BloomFilterTests
{
    [Fact]
    public void MayContain_TenBitsPerKey_NoFalseNegativesAndAboutOnePercentFalsePositives()
    {
        const int Keys = 100_000;
        var hashes = new ulong[Keys];
        for (var i = 0; i < Keys; i++)
        {
            hashes[i] = BloomFilter.Hash(TestData.Key($"present/{i}"));
        }

        using var buffer = new PooledBuffer();
        BloomFilter.Write(hashes, bitsPerKey: 10, probes: 7, buffer);
        var filter = BloomFilter.Parse(buffer.WrittenSpan);
        Assert.Equal(Keys * 10 / 8, filter.ByteLength);

        for (var i = 0; i < Keys; i++)
        {
            Assert.True(filter.MayContain(TestData.Key($"present/{i}")));
        }

        var falsePositives = 0;
        for (var i = 0; i < Keys; i++)
        {
            falsePositives += filter.MayContain(TestData.Key($"absent/{i}")) ? 1 : 0;
        }

        var rate = falsePositives / (double)Keys;
        Assert.True(rate < 0.02, $"false-positive rate {rate:P2}");
        Assert.True(rate > 0.002, $"false-positive rate {rate:P2} is implausibly low (filter not working as sized?)");
    }

    [Fact]
    public void Write_KnownKeys_MatchesGoldenBytes()
    {
        // format v1: 8-byte minimum bit array, then the probe count (docs/formats/sst.md)
        ulong[] hashes = [BloomFilter.Hash("a"u8), BloomFilter.Hash("b"u8)];
        using var buffer = new PooledBuffer();
        BloomFilter.Write(hashes, 10, 7, buffer);
        Assert.Equal(9, buffer.Length);
        Assert.Equal(7, buffer.WrittenSpan[^1]);
        var golden = TestData.Hex(buffer.WrittenSpan);
        Assert.Equal(GoldenFilter, golden);
    }

    // Pinned on first run of format v1; a change here is a format break.
    private const string GoldenFilter = "020321858008002307";

    [Theory]
    [InlineData("00")]
    [InlineData("0000000000000000ff")]
    public void Parse_BadProbeCount_ThrowsCorruption(string hex) =>
        Assert.Throws<CorruptionException>(() => BloomFilter.Parse(Convert.FromHexString(hex)));
}
