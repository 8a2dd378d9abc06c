using System.Buffers.Binary;

namespace ZeroFs.Engine.Format;

/// <summary>
/// One entry inside a data or index block (ENGINE.md §5; docs/formats/data-block.md):
/// <code>
/// varint shared      bytes shared with the previous key (0 at a restart point)
/// varint suffixLen   key bytes that follow
/// varint valueLen    value bytes that follow the key suffix
/// u8     kind        EntryKind (1 Put, 2 Delete)
/// u64    seq         little-endian sequence number
/// suffix bytes, value bytes
/// </code>
/// </summary>
internal static class EntryCodec
{
    /// <summary>Longest possible header: three 32-bit varints, the kind byte and the seq.</summary>
    internal const int MaxHeaderLength = (3 * Varint.MaxLength32) + 1 + 8;

    /// <summary>Exact encoded length of an entry.</summary>
    internal static int EncodedLength(int shared, int suffixLength, int valueLength) =>
        Varint.SizeOf((uint)shared) + Varint.SizeOf((uint)suffixLength) + Varint.SizeOf((uint)valueLength) + 9 + suffixLength + valueLength;

    /// <summary>Encodes one entry into <paramref name="destination"/>; returns the bytes written.</summary>
    internal static int Write(Span<byte> destination, int shared, ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> value, EntryKind kind, ulong seq)
    {
        var n = Varint.Write(destination, (uint)shared);
        n += Varint.Write(destination[n..], (uint)suffix.Length);
        n += Varint.Write(destination[n..], (uint)value.Length);
        destination[n++] = (byte)kind;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[n..], seq);
        n += 8;
        suffix.CopyTo(destination[n..]);
        n += suffix.Length;
        value.CopyTo(destination[n..]);
        return n + value.Length;
    }

    /// <summary>
    /// Decodes the header at the start of <paramref name="source"/> and checks that the suffix and
    /// value fit in <paramref name="source"/>; false on any malformed or truncated input.
    /// </summary>
    internal static bool TryReadHeader(ReadOnlySpan<byte> source, out EntryHeader header)
    {
        header = default;
        if (!Varint.TryReadInt32(source, out var shared, out var a)
            || !Varint.TryReadInt32(source[a..], out var suffixLength, out var b)
            || !Varint.TryReadInt32(source[(a + b)..], out var valueLength, out var c))
        {
            return false;
        }

        var n = a + b + c;
        if (source.Length - n < 9)
        {
            return false;
        }

        var kind = (EntryKind)source[n];
        if (kind is not (EntryKind.Put or EntryKind.Delete))
        {
            return false;
        }

        var seq = BinaryPrimitives.ReadUInt64LittleEndian(source[(n + 1)..]);
        n += 9;
        if ((long)suffixLength + valueLength > source.Length - n)
        {
            return false;
        }

        header = new EntryHeader(shared, suffixLength, valueLength, kind, seq, n);
        return true;
    }
}
