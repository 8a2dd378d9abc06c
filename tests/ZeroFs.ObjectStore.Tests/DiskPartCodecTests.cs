using System.Buffers;
using System.Text;

namespace ZeroFs.ObjectStore.Tests;

public sealed class DiskPartCodecTests
{
    private static readonly ObjectMeta Meta = new(
        "sst/x.sst", 1000, "etag1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), new Dictionary<string, string> { ["k"] = "v" });

    [Fact]
    public void Encode_Version1_PinnedLayout()
    {
        var file = Encode("abc"u8);
        var hex = Convert.ToHexString(file);
        Assert.StartsWith("5A464450" + "01000000", hex, StringComparison.Ordinal);
        Assert.Equal(
            "5A46445001000000" + Convert.ToHexString(BitConverter.GetBytes(Crc32C.Compute(file.AsSpan(12)))) +
            "33000000" + "03000000" + "E803000000000000" + "0068E5CF8B010000" +
            "0500" + Convert.ToHexString(Encoding.UTF8.GetBytes("etag1")) + "0100" + "0100" + "6B" + "0100" + "76" + "616263",
            hex);
    }

    [Fact]
    public void Decode_RoundTrip_AndAnyFlippedByteRejected()
    {
        var file = Encode("payload bytes"u8);
        Assert.True(DiskPartCodec.TryDecode(file, "sst/x.sst", out var meta, out var offset, out var length));
        Assert.Equal(Meta.Size, meta.Size);
        Assert.Equal(Meta.ETag, meta.ETag);
        Assert.Equal(Meta.LastModified, meta.LastModified);
        Assert.Equal("v", meta.Metadata!["k"]);
        Assert.Equal("payload bytes", Encoding.UTF8.GetString(file, offset, length));
        for (var i = 0; i < file.Length; i++)
        {
            file[i] ^= 0x01;
            Assert.False(DiskPartCodec.TryDecode(file, "sst/x.sst", out _, out _, out _));
            file[i] ^= 0x01;
        }
    }

    private static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        var pooled = DiskPartCodec.Encode(Meta, payload, out var length);
        var file = pooled.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(pooled);
        return file;
    }
}
