using System.Buffers.Binary;
using ZeroFs.Crypto;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Wal;

/// <summary>
/// The WAL segment format (ENGINE.md §7; docs/formats/wal-segment.md). Plaintext:
/// <code>
/// u8  format version (1)
/// u32 batch count
/// per batch: u64 seq, i64 timestamp (Unix ms), u32 entry count,
///            per entry: u8 kind, varint keyLen, varint valueLen, key, value
/// </code>
/// little-endian; sealed whole with AAD <c>"zfwal" ‖ u64 LE segment id</c>. A zero-byte object is a
/// fence, never a segment. A batch is never split across segments.
/// </summary>
internal static class WalSegmentCodec
{
    /// <summary>Format version byte.</summary>
    internal const byte FormatVersion = 1;

    /// <summary>Bytes before the first batch: version and batch count.</summary>
    internal const int HeaderLength = 5;

    /// <summary>Length of the AAD.</summary>
    internal const int AadLength = 13;

    /// <summary>Largest plaintext a segment may claim (a corrupt header must not allocate GBs).</summary>
    internal const int MaxPlaintextLength = int.MaxValue - 4096;

    /// <summary>Starts a segment buffer: writes the header with a zero batch count.</summary>
    internal static void WriteHeader(PooledBuffer buffer)
    {
        buffer.WriteU8(FormatVersion);
        buffer.WriteU32(0);
    }

    /// <summary>Appends one batch to a segment buffer.</summary>
    internal static void AppendBatch(PooledBuffer buffer, ulong seq, long timestamp, WriteBatch batch)
    {
        buffer.WriteU64(seq);
        buffer.WriteU64((ulong)timestamp);
        buffer.WriteU32((uint)batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            buffer.WriteU8((byte)e.Kind);
            buffer.WriteVarint((ulong)e.Key.Length);
            buffer.WriteVarint((ulong)e.Value.Length);
            buffer.WriteBytes(e.Key.Span);
            buffer.WriteBytes(e.Value.Span);
        }
    }

    /// <summary>Patches the batch count into a finished segment buffer.</summary>
    internal static void SetBatchCount(PooledBuffer buffer, int count) =>
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.WrittenSpanMutable[1..], (uint)count);

    /// <summary>The AAD of segment <paramref name="id"/>.</summary>
    internal static void WriteAad(Span<byte> destination, ulong id)
    {
        "zfwal"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[5..], id);
    }

    /// <summary>Seals a finished plaintext segment.</summary>
    internal static byte[] Seal(BlockSealer sealer, ulong id, ReadOnlySpan<byte> plaintext)
    {
        Span<byte> aad = stackalloc byte[AadLength];
        WriteAad(aad, id);
        return sealer.Seal(plaintext, aad);
    }

    /// <summary>Seals segment <paramref name="id"/> into <paramref name="destination"/> (at least <see cref="BlockSealer.MaxSealedLength"/>); returns the length.</summary>
    internal static int Seal(BlockSealer sealer, ulong id, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        Span<byte> aad = stackalloc byte[AadLength];
        WriteAad(aad, id);
        return sealer.Seal(plaintext, aad, destination);
    }

    /// <summary>Unseals and decodes segment <paramref name="id"/>; failures are <see cref="CorruptionException"/>s (or a wrong key).</summary>
    internal static List<WalRecord> Open(BlockSealer sealer, ulong id, ReadOnlySpan<byte> sealedBytes)
    {
        Span<byte> aad = stackalloc byte[AadLength];
        WriteAad(aad, id);
        byte[] plain;
        try
        {
            plain = sealer.Unseal(sealedBytes, aad);
        }
        catch (BlockCorruptException ex)
        {
            throw new CorruptionException($"WAL segment {id} is corrupt: {ex.Message}", ex);
        }
        catch (BlockAuthenticationException ex)
        {
            throw new CorruptionException($"WAL segment {id} failed authentication (moved, replayed or tampered): {ex.Message}", ex);
        }

        return Decode(plain);
    }

    /// <summary>Decodes a plaintext segment.</summary>
    internal static List<WalRecord> Decode(ReadOnlySpan<byte> plain)
    {
        var r = new SpanReader(plain);
        var version = r.U8();
        if (version != FormatVersion)
        {
            ThrowHelper.ThrowCorruption($"WAL segment format version {version} is not supported");
        }

        var count = r.U32();
        var records = new List<WalRecord>((int)Math.Min(count, 4096));
        for (var b = 0u; b < count; b++)
        {
            var seq = r.U64();
            var timestamp = (long)r.U64();
            var entries = r.U32();
            var batch = new WriteBatch();
            for (var i = 0u; i < entries; i++)
            {
                var kind = (EntryKind)r.U8();
                var keyLength = r.Varint();
                var valueLength = r.Varint();
                if (keyLength > int.MaxValue || valueLength > int.MaxValue)
                {
                    ThrowHelper.ThrowCorruption("WAL entry length out of range");
                }

                var key = r.Bytes((int)keyLength);
                var value = r.Bytes((int)valueLength);
                switch (kind)
                {
                    case EntryKind.Put:
                        batch.Put(key, value);
                        break;
                    case EntryKind.Delete:
                        batch.Delete(key);
                        break;
                    default:
                        ThrowHelper.ThrowCorruption($"WAL entry kind {(byte)kind} is not supported");
                        break;
                }
            }

            records.Add(new WalRecord(seq, timestamp, batch));
        }

        if (!r.End)
        {
            ThrowHelper.ThrowCorruption("trailing bytes after the last WAL batch");
        }

        return records;
    }
}
