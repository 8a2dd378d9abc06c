using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Tests.Format;

public class EntryCodecTests
{
    [Fact]
    public void Write_KnownEntry_MatchesGoldenBytes()
    {
        // shared 2, suffix "cd", value "v", Put, seq 0x0102030405060708 (format v1, docs/formats/data-block.md)
        var buffer = new byte[64];
        var n = EntryCodec.Write(buffer, 2, "cd"u8, "v"u8, EntryKind.Put, 0x0102030405060708);
        Assert.Equal("020201" + "01" + "0807060504030201" + "6364" + "76", TestData.Hex(buffer.AsSpan(0, n)));
        Assert.Equal(n, EntryCodec.EncodedLength(2, 2, 1));
    }

    [Theory]
    [InlineData(0, 1, 0, EntryKind.Delete, 0UL)]
    [InlineData(127, 128, 16383, EntryKind.Put, ulong.MaxValue)]
    [InlineData(65536, 1, 70000, EntryKind.Put, 1UL)]
    public void RoundTrip_EdgeValues_Preserved(int shared, int suffixLength, int valueLength, EntryKind kind, ulong seq)
    {
        var suffix = new byte[suffixLength];
        var value = new byte[valueLength];
        new Random(shared).NextBytes(value);
        var buffer = new byte[EntryCodec.EncodedLength(shared, suffixLength, valueLength)];
        var n = EntryCodec.Write(buffer, shared, suffix, value, kind, seq);
        Assert.Equal(buffer.Length, n);
        Assert.True(EntryCodec.TryReadHeader(buffer, out var h));
        Assert.Equal(new EntryHeader(shared, suffixLength, valueLength, kind, seq, n - suffixLength - valueLength), h);
        Assert.Equal(n, h.TotalLength);
    }

    [Fact]
    public void TryReadHeader_EveryTruncation_ReturnsFalse()
    {
        var buffer = new byte[64];
        var n = EntryCodec.Write(buffer, 1, "abc"u8, "value"u8, EntryKind.Put, 42);
        for (var cut = 0; cut < n; cut++)
        {
            Assert.False(EntryCodec.TryReadHeader(buffer.AsSpan(0, cut), out _));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public void TryReadHeader_UnknownKind_ReturnsFalse(byte kind)
    {
        var buffer = new byte[32];
        var n = EntryCodec.Write(buffer, 0, "k"u8, "v"u8, EntryKind.Put, 1);
        buffer[3] = kind;
        Assert.False(EntryCodec.TryReadHeader(buffer.AsSpan(0, n), out _));
    }
}
