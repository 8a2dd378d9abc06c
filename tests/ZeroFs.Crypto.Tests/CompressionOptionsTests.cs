namespace ZeroFs.Crypto.Tests;

public sealed class CompressionOptionsTests
{
    [Theory]
    [InlineData("none", CompressionCodec.None, 3)]
    [InlineData("lz4", CompressionCodec.Lz4, 3)]
    [InlineData("LZ4", CompressionCodec.Lz4, 3)]
    [InlineData("zstd", CompressionCodec.Zstd, 3)]
    [InlineData(" zstd-1 ", CompressionCodec.Zstd, 1)]
    [InlineData("zstd-9", CompressionCodec.Zstd, 9)]
    [InlineData("zstd-22", CompressionCodec.Zstd, 22)]
    public void Parse_AcceptedForms_GiveCodecAndLevel(string text, CompressionCodec codec, int level)
    {
        var options = CompressionOptions.Parse(text);

        Assert.Equal(codec, options.Codec);
        Assert.Equal(level, options.ZstdLevel);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gzip")]
    [InlineData("zstd-0")]
    [InlineData("zstd-23")]
    [InlineData("zstd--1")]
    [InlineData("zstd-+3")]
    [InlineData("zstd-")]
    [InlineData("zstd-3x")]
    [InlineData("zstd-003")]
    [InlineData("lz4-1")]
    public void Parse_OtherText_ThrowsFormatExceptionNamingValueAndForms(string text)
    {
        var ex = Assert.Throws<FormatException>(() => CompressionOptions.Parse(text));

        Assert.Contains($"\"{text}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("zstd-22", ex.Message, StringComparison.Ordinal);
        Assert.False(CompressionOptions.TryParse(text, out _));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("lz4")]
    [InlineData("zstd-3")]
    [InlineData("zstd-17")]
    public void ToString_RoundTripsThroughParse(string text)
    {
        Assert.Equal(text, CompressionOptions.Parse(text).ToString());
    }

    [Fact]
    public void Default_IsZstd3()
    {
        Assert.Equal(new CompressionOptions(CompressionCodec.Zstd, 3), CompressionOptions.Default);
    }
}
