using K4os.Compression.LZ4;
using ZstdSharp;

namespace ZeroFs.Crypto;

/// <summary>
/// Compression of block payloads. LZ4 is stateless. zstd contexts are not thread-safe and are
/// expensive to create (hundreds of KiB of tables), so each thread keeps one compressor (its level
/// switched per call, which costs nothing when unchanged) and one decompressor; they are reused
/// across blocks and freed by their finalizers when the thread ends. Neither path allocates once
/// the thread's contexts exist.
/// </summary>
internal static class BlockCompression
{
    [ThreadStatic]
    private static Compressor? _threadCompressor;

    [ThreadStatic]
    private static Decompressor? _threadDecompressor;

    /// <summary>
    /// Compresses <paramref name="source"/> into <paramref name="destination"/>. Returns the
    /// compressed length, or -1 when it does not fit (the caller then stores the block uncompressed).
    /// </summary>
    internal static int TryCompress(CompressionCodec codec, int zstdLevel, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.IsEmpty)
        {
            return -1;
        }

        switch (codec)
        {
            case CompressionCodec.Lz4:
                var written = LZ4Codec.Encode(source, destination, LZ4Level.L00_FAST);
                return written > 0 ? written : -1;
            case CompressionCodec.Zstd:
                var compressor = _threadCompressor ??= new Compressor(zstdLevel);
                if (compressor.Level != zstdLevel)
                {
                    compressor.Level = zstdLevel;
                }

                return compressor.TryWrap(source, destination, out var zstdWritten) ? zstdWritten : -1;
            default:
                return -1;
        }
    }

    /// <summary>
    /// Decompresses <paramref name="source"/> into exactly <paramref name="destination"/>; returns
    /// <see langword="false"/> when the payload is malformed or its decoded length differs.
    /// </summary>
    internal static bool TryDecompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination, out Exception? error)
    {
        error = null;
        switch (codec)
        {
            case CompressionCodec.Lz4:
                return LZ4Codec.Decode(source, destination) == destination.Length;
            case CompressionCodec.Zstd:
                var decompressor = _threadDecompressor ??= new Decompressor();
                try
                {
                    return decompressor.TryUnwrap(source, destination, out var written) && written == destination.Length;
                }
                catch (ZstdException ex)
                {
                    // Malformed frame: ZstdSharp reports it by exception, not by TryUnwrap's result.
                    // Drop the context rather than trust its state after a failure.
                    _threadDecompressor = null;
                    decompressor.Dispose();
                    error = ex;
                    return false;
                }

            default:
                return false;
        }
    }
}
