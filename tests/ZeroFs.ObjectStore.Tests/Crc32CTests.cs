using System.Text;

namespace ZeroFs.ObjectStore.Tests;

public sealed class Crc32CTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("123456789", 0xE3069283u)] // the CRC-32C check value (RFC 3720 / Rocksoft model)
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Compute_KnownVectors_Match(string text, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Compute_ThirtyTwoZeroBytes_MatchesRfc3720Vector()
    {
        // RFC 3720 appendix B.4: 32 bytes of zeros -> aa 36 91 8a (as stored, little-endian).
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
    }

    [Fact]
    public void Compute_AnyAlignmentAndLength_MatchesBytewiseReference()
    {
        var data = new byte[300];
        new Random(1).NextBytes(data);
        for (var start = 0; start < 9; start++)
        {
            for (var length = 0; length < 100; length++)
            {
                var span = data.AsSpan(start, length);
                Assert.Equal(Reference(span), Crc32C.Compute(span));
            }
        }
    }

    private static uint Reference(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
