namespace ZeroFs.Crypto;

/// <summary>
/// Layout of envelope version 1 (docs/formats/sealed-block.md, ENGINE.md §4). All integers
/// little-endian.
/// <code>
/// off len
///   0   1  version            = 1
///   1   1  codec              0 none | 1 lz4 | 2 zstd
///   2   4  plaintext length   u32, length before compression
///   6   4  key id             first 4 bytes of HKDF(data key, info "zerofs/v1/key-id")
///  10  24  nonce              random, XChaCha20-Poly1305
///  34   n  ciphertext         of the (compressed) payload, same length as it
/// 34+n 16  tag                Poly1305
/// 50+n  4  CRC32C             over bytes [0, 50+n)
/// </code>
/// The AEAD associated data is bytes [0, 10) followed by the caller's place AAD.
/// </summary>
internal static class SealedBlockFormat
{
    internal const byte Version1 = 1;
    internal const int VersionOffset = 0;
    internal const int CodecOffset = 1;
    internal const int PlaintextLengthOffset = 2;
    internal const int KeyIdOffset = 6;
    internal const int NonceOffset = 10;
    internal const int NonceLength = 24;
    internal const int TagLength = 16;
    internal const int CrcLength = 4;

    /// <summary>Header bytes that go into the associated data (everything before the nonce).</summary>
    internal const int AuthenticatedHeaderLength = NonceOffset;

    /// <summary>Offset of the ciphertext.</summary>
    internal const int HeaderLength = NonceOffset + NonceLength;

    /// <summary>Bytes a sealed block adds to its payload.</summary>
    internal const int Overhead = HeaderLength + TagLength + CrcLength;

    /// <summary>Largest plaintext a block may hold, so every sealed length fits in an <see cref="int"/>.</summary>
    internal const int MaxPlaintextLength = int.MaxValue - 1024;

    /// <summary>
    /// Compressed payloads are kept only when smaller than 97 % of the input (ENGINE.md §4);
    /// otherwise decompressing costs more than the bytes saved. Returns the largest compressed size
    /// that qualifies (0 when none can).
    /// </summary>
    internal static int MaxUsefulCompressedLength(int plaintextLength) =>
        (int)Math.Max(0, (((long)plaintextLength * 97) - 1) / 100);
}
