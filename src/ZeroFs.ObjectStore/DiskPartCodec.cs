using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The file format of one cached part (version 1), still holding the sealed object bytes as the
/// store returned them. Little-endian:
/// <code>
/// 0  4  magic "ZFDP"         4  1  version (1)        5  3  zero
/// 8  4  CRC-32C of bytes [12, end of file)
/// 12 4  header length H      16 4  payload length N
/// 20 8  object size          28 8  object last-modified (Unix ms)
/// 36    u16 etag length + UTF-8 etag, u16 metadata count + (u16 len + key, u16 len + value)*
/// H     N payload bytes
/// </code>
/// A checksum mismatch (bit rot, a torn write that escaped the rename) means "not cached".
/// </summary>
internal static class DiskPartCodec
{
    /// <summary>Bytes before the variable-length fields.</summary>
    internal const int FixedLength = 36;

    private const uint Magic = 0x5044465A; // "ZFDP"
    private const byte Version = 1;

    /// <summary>Encodes a part file into a pooled array (the caller returns it); <paramref name="length"/> bytes are used.</summary>
    internal static byte[] Encode(ObjectMeta meta, ReadOnlySpan<byte> payload, out int length)
    {
        var etag = Encoding.UTF8.GetBytes(meta.ETag);
        var pairs = (meta.Metadata ?? new Dictionary<string, string>())
            .Select(p => (Key: Encoding.UTF8.GetBytes(p.Key), Value: Encoding.UTF8.GetBytes(p.Value))).ToList();
        var headerLength = FixedLength + 2 + etag.Length + 2 + pairs.Sum(p => 4 + p.Key.Length + p.Value.Length);
        length = headerLength + payload.Length;
        var file = ArrayPool<byte>.Shared.Rent(length);
        var span = file.AsSpan(0, length);
        span[..FixedLength].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], headerLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span[20..], meta.Size);
        BinaryPrimitives.WriteInt64LittleEndian(span[28..], meta.LastModified.ToUnixTimeMilliseconds());
        var at = FixedLength;
        at = WriteField(span, at, etag);
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)pairs.Count));
        at += 2;
        foreach (var (key, value) in pairs)
        {
            at = WriteField(span, at, key);
            at = WriteField(span, at, value);
        }

        payload.CopyTo(span[headerLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32C.Compute(span[12..]));
        return file;
    }

    /// <summary>Checks and parses a part file; false when it is damaged or not ours.</summary>
    internal static bool TryDecode(ReadOnlySpan<byte> file, string key, out ObjectMeta meta, out int payloadOffset, out int payloadLength)
    {
        meta = null!;
        payloadOffset = payloadLength = 0;
        if (file.Length < FixedLength + 4
            || BinaryPrimitives.ReadUInt32LittleEndian(file) != Magic
            || file[4] != Version
            || file[5] != 0 || file[6] != 0 || file[7] != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(file[8..]) != Crc32C.Compute(file[12..]))
        {
            return false;
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(file[16..]);
        if (headerLength < FixedLength + 4 || length < 0 || (long)headerLength + length != file.Length)
        {
            return false;
        }

        var size = BinaryPrimitives.ReadInt64LittleEndian(file[20..]);
        var modified = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(file[28..]));
        var header = file[..headerLength];
        var at = FixedLength;
        if (!TryReadField(header, ref at, out var etag) || at + 2 > header.Length)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(header[at..]);
        at += 2;
        var metadata = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (!TryReadField(header, ref at, out var k) || !TryReadField(header, ref at, out var v))
            {
                return false;
            }

            metadata[k] = v;
        }

        meta = new ObjectMeta(key, size, etag, modified, metadata);
        payloadOffset = headerLength;
        payloadLength = length;
        return true;
    }

    private static int WriteField(Span<byte> span, int at, byte[] field)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)field.Length));
        field.CopyTo(span[(at + 2)..]);
        return at + 2 + field.Length;
    }

    private static bool TryReadField(ReadOnlySpan<byte> header, ref int at, out string value)
    {
        value = "";
        if (at + 2 > header.Length)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(header[at..]);
        if (at + 2 + length > header.Length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(header.Slice(at + 2, length));
        at += 2 + length;
        return true;
    }
}
