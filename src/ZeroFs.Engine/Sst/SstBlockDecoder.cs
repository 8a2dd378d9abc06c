using System.Buffers;
using ZeroFs.Crypto;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Unseals SST blocks into pooled buffers. Damage (CRC), tampering and moved blocks (AEAD failure
/// under our key) become <see cref="CorruptionException"/>; <see cref="WrongKeyException"/> passes
/// through unchanged, because "opened with the wrong key" needs a different fix (ENGINE.md §13.23).
/// </summary>
internal static class SstBlockDecoder
{
    /// <summary>Unseals a block into a rented buffer; the caller owns it.</summary>
    internal static byte[] Unseal(BlockSealer sealer, ReadOnlySpan<byte> sealedBlock, Ulid tableId, long offset, BlockKind kind, out int length)
    {
        Span<byte> aad = stackalloc byte[SstAad.Length];
        SstAad.Write(aad, tableId, offset, kind);
        byte[]? buffer = null;
        try
        {
            var plaintextLength = BlockSealer.GetPlaintextLength(sealedBlock);
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(plaintextLength, 1));
            length = sealer.Unseal(sealedBlock, aad, buffer);
            return buffer;
        }
        catch (Exception e) when (e is BlockCorruptException or BlockAuthenticationException)
        {
            Return(buffer);
            throw new CorruptionException($"SST {tableId} {kind} block at offset {offset} failed verification: {e.Message}", e);
        }
        catch
        {
            Return(buffer);
            throw;
        }
    }

    /// <summary>Unseals a data block into a ref-counted <see cref="DecodedBlock"/>.</summary>
    internal static DecodedBlock UnsealDataBlock(BlockSealer sealer, ReadOnlySpan<byte> sealedBlock, Ulid tableId, long offset)
    {
        var buffer = Unseal(sealer, sealedBlock, tableId, offset, BlockKind.Data, out var length);
        return new DecodedBlock(buffer, length);
    }

    private static void Return(byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
