namespace ZeroFs.Crypto;

/// <summary>Block codecs; the value is the byte stored in the envelope header (docs/formats/sealed-block.md).</summary>
public enum CompressionCodec : byte
{
    /// <summary>Stored as is (also chosen when compression does not help).</summary>
    None = 0,

    /// <summary>LZ4 block format (no frame), fast mode.</summary>
    Lz4 = 1,

    /// <summary>Zstandard frame (RFC 8878).</summary>
    Zstd = 2,
}
