namespace ZeroFs.Crypto;

/// <summary>
/// Which codec new blocks are written with; reading detects the codec from each block's header,
/// so this can change at any time. PLACEHOLDER: being implemented (Parse of "lz4", "zstd-N", "none").
/// </summary>
/// <param name="Codec">The codec.</param>
/// <param name="ZstdLevel">zstd level 1..22 (ignored for other codecs).</param>
public sealed record CompressionOptions(CompressionCodec Codec = CompressionCodec.Zstd, int ZstdLevel = 3);

/// <summary>Block codecs; the value is the byte stored in the envelope header.</summary>
public enum CompressionCodec : byte
{
    /// <summary>Stored as is (also chosen when compression does not help).</summary>
    None = 0,

    /// <summary>LZ4 block format.</summary>
    Lz4 = 1,

    /// <summary>Zstandard frame.</summary>
    Zstd = 2,
}
