using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Plaintext of the properties block (docs/formats/sst.md):
/// <c>u8 version (1)</c>, then records <c>varint tag, varint length, payload</c>. Integer payloads
/// are varints, key payloads raw bytes. Unknown tags are skipped so fields can be added without a
/// version bump; a missing required tag is corruption.
/// </summary>
internal static class SstPropertiesCodec
{
    /// <summary>Current properties block version.</summary>
    internal const byte Version = 1;

    private const int TagEntryCount = 1;
    private const int TagTombstoneCount = 2;
    private const int TagMinKey = 3;
    private const int TagMaxKey = 4;
    private const int TagMinSeq = 5;
    private const int TagMaxSeq = 6;
    private const int TagRawKeyBytes = 7;
    private const int TagRawValueBytes = 8;
    private const int TagDataBlockCount = 9;
    private const int TagCreatedBy = 10;
    private const int TagEpoch = 11;
    private const int RequiredMask = 0x3FE; // tags 1..9

    /// <summary>Encodes <paramref name="p"/> into <paramref name="destination"/>.</summary>
    internal static void Write(SstProperties p, PooledBuffer destination)
    {
        destination.Write([Version]);
        WriteNumber(destination, TagEntryCount, p.EntryCount);
        WriteNumber(destination, TagTombstoneCount, p.TombstoneCount);
        WriteBytes(destination, TagMinKey, p.MinKey);
        WriteBytes(destination, TagMaxKey, p.MaxKey);
        WriteNumber(destination, TagMinSeq, p.MinSeq);
        WriteNumber(destination, TagMaxSeq, p.MaxSeq);
        WriteNumber(destination, TagRawKeyBytes, p.RawKeyBytes);
        WriteNumber(destination, TagRawValueBytes, p.RawValueBytes);
        WriteNumber(destination, TagDataBlockCount, p.DataBlockCount);
        WriteNumber(destination, TagCreatedBy, (ulong)p.CreatedBy);
        WriteNumber(destination, TagEpoch, p.Epoch);
    }

    /// <summary>Decodes a properties block; throws <see cref="CorruptionException"/> when malformed.</summary>
    internal static SstProperties Parse(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty || block[0] != Version)
        {
            return ThrowHelper.ThrowCorruption<SstProperties>("unknown properties block version");
        }

        Span<ulong> numbers = stackalloc ulong[16];
        byte[] minKey = [];
        byte[] maxKey = [];
        var seen = 0;
        var pos = 1;
        while (pos < block.Length)
        {
            if (!Varint.TryReadInt32(block[pos..], out var tag, out var a)
                || !Varint.TryReadInt32(block[(pos + a)..], out var length, out var b)
                || length > block.Length - pos - a - b)
            {
                return ThrowHelper.ThrowCorruption<SstProperties>("malformed properties record");
            }

            var payload = block.Slice(pos + a + b, length);
            pos += a + b + length;
            if (tag is TagMinKey or TagMaxKey)
            {
                if (tag == TagMinKey)
                {
                    minKey = payload.ToArray();
                }
                else
                {
                    maxKey = payload.ToArray();
                }
            }
            else if (tag < numbers.Length)
            {
                if (!Varint.TryRead(payload, out numbers[tag], out var used) || used != payload.Length)
                {
                    return ThrowHelper.ThrowCorruption<SstProperties>("malformed properties number");
                }
            }

            if (tag < 31)
            {
                seen |= 1 << tag;
            }
        }

        if ((seen & RequiredMask) != RequiredMask)
        {
            return ThrowHelper.ThrowCorruption<SstProperties>("properties block lacks a required field");
        }

        return new SstProperties
        {
            EntryCount = numbers[TagEntryCount],
            TombstoneCount = numbers[TagTombstoneCount],
            MinKey = minKey,
            MaxKey = maxKey,
            MinSeq = numbers[TagMinSeq],
            MaxSeq = numbers[TagMaxSeq],
            RawKeyBytes = numbers[TagRawKeyBytes],
            RawValueBytes = numbers[TagRawValueBytes],
            DataBlockCount = numbers[TagDataBlockCount],
            CreatedBy = (SstCreator)numbers[TagCreatedBy],
            Epoch = numbers[TagEpoch],
        };
    }

    private static void WriteNumber(PooledBuffer destination, int tag, ulong value)
    {
        var span = destination.GetSpan(3 * Varint.MaxLength64);
        var n = Varint.Write(span, (uint)tag);
        n += Varint.Write(span[n..], (uint)Varint.SizeOf(value));
        n += Varint.Write(span[n..], value);
        destination.Advance(n);
    }

    private static void WriteBytes(PooledBuffer destination, int tag, ReadOnlySpan<byte> value)
    {
        var span = destination.GetSpan((2 * Varint.MaxLength64) + value.Length);
        var n = Varint.Write(span, (uint)tag);
        n += Varint.Write(span[n..], (uint)value.Length);
        value.CopyTo(span[n..]);
        destination.Advance(n + value.Length);
    }
}
