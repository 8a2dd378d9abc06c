using System.Diagnostics.CodeAnalysis;

namespace ZeroFs.Crypto;

/// <summary>Throws out of line so the hot paths stay small (STYLE.md §4.7).</summary>
internal static class CryptoThrowHelper
{
    [DoesNotReturn]
    internal static void ThrowBlockCorrupt(string message, Exception? innerException = null) =>
        throw new BlockCorruptException(message, innerException);

    [DoesNotReturn]
    internal static void ThrowCrcMismatch(uint stored, uint computed) =>
        throw new BlockCorruptException(
            $"sealed block is corrupt: CRC32C mismatch (stored {stored:x8}, computed {computed:x8}); "
            + "the bytes changed in storage, a cache or in transit");

    [DoesNotReturn]
    internal static void ThrowTooShort(int length) =>
        throw new BlockCorruptException(
            $"sealed block is corrupt: {length} bytes is shorter than the {SealedBlockFormat.Overhead}-byte envelope");

    [DoesNotReturn]
    internal static void ThrowUnknownVersion(byte version) =>
        throw new BlockCorruptException(
            $"sealed block has envelope version {version}; this build reads version {SealedBlockFormat.Version1} "
            + "(corrupt, or written by a newer ZeroFS)");

    [DoesNotReturn]
    internal static void ThrowUnknownCodec(byte codec) =>
        throw new BlockCorruptException($"sealed block names unknown codec {codec}");

    [DoesNotReturn]
    internal static void ThrowBadPlaintextLength(uint length) =>
        throw new BlockCorruptException($"sealed block declares an impossible plaintext length {length}");

    [DoesNotReturn]
    internal static void ThrowWrongKey(uint blockKeyId, uint expectedKeyId) =>
        throw new WrongKeyException(
            $"block was sealed under another data key (key id {blockKeyId:x8}, ours is {expectedKeyId:x8}): "
            + "is this store opened with another bucket's key file?")
        {
            BlockKeyId = blockKeyId,
            ExpectedKeyId = expectedKeyId,
        };

    [DoesNotReturn]
    internal static void ThrowNotAuthentic() =>
        throw new BlockAuthenticationException(
            "block is not valid at this place: moved, replayed or tampered (it is intact and was sealed under "
            + "our key, but its authentication tag does not match this place, key domain and header)");

    [DoesNotReturn]
    internal static void ThrowDecompressionFailed(CompressionCodec codec, Exception? innerException = null) =>
        throw new BlockCorruptException(
            $"sealed block authenticated but its {codec} payload does not decompress to the declared length "
            + "(written by a faulty encoder?)",
            innerException);

    [DoesNotReturn]
    internal static void ThrowDestinationTooSmall(string paramName, int needed, int actual) =>
        throw new ArgumentException($"destination holds {actual} bytes; {needed} are needed", paramName);

    [DoesNotReturn]
    internal static void ThrowPlaintextTooLarge(string paramName, int length) =>
        throw new ArgumentOutOfRangeException(
            paramName, length, $"a block holds at most {SealedBlockFormat.MaxPlaintextLength} bytes");
}
