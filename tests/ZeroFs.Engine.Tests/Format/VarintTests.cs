using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Tests.Format;

public class VarintTests
{
    public static TheoryData<ulong, string> Golden => new()
    {
        { 0UL, "00" },
        { 1UL, "01" },
        { 127UL, "7f" },
        { 128UL, "8001" },
        { 300UL, "ac02" },
        { 16383UL, "ff7f" },
        { 16384UL, "808001" },
        { uint.MaxValue, "ffffffff0f" },
        { ulong.MaxValue, "ffffffffffffffffff01" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Write_EdgeValues_MatchesLeb128(ulong value, string hex)
    {
        Span<byte> buffer = stackalloc byte[Varint.MaxLength64];
        var n = Varint.Write(buffer, value);
        Assert.Equal(hex, TestData.Hex(buffer[..n]));
        Assert.Equal(n, Varint.SizeOf(value));
        Assert.True(Varint.TryRead(buffer[..n], out var back, out var consumed));
        Assert.Equal(value, back);
        Assert.Equal(n, consumed);
    }

    [Fact]
    public void RoundTrip_RandomValues_Preserved()
    {
        var random = new Random(1);
        Span<byte> buffer = stackalloc byte[Varint.MaxLength64];
        for (var i = 0; i < 10_000; i++)
        {
            var value = (ulong)random.NextInt64() >> random.Next(64);
            var n = Varint.Write(buffer, value);
            Assert.True(Varint.TryRead(buffer[..n], out var back, out _));
            Assert.Equal(value, back);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("ffffffffffffffffff02")]
    [InlineData("ffffffffffffffffffff01")]
    public void TryRead_TruncatedOrOverflowing_ReturnsFalse(string hex)
    {
        Assert.False(Varint.TryRead(Convert.FromHexString(hex), out _, out _));
    }

    [Fact]
    public void TryReadInt32_ValueAboveIntMax_ReturnsFalse()
    {
        Span<byte> buffer = stackalloc byte[Varint.MaxLength64];
        var n = Varint.Write(buffer, (ulong)int.MaxValue + 1);
        Assert.False(Varint.TryReadInt32(buffer[..n], out _, out _));
    }
}
