using System.Buffers.Binary;
using ZeroFs.Engine.Format;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// The 32-byte plaintext tail of a table (ENGINE.md §6; docs/formats/sst.md), for tools and repair:
/// <code>
/// 0  u64 meta offset      8  u32 meta length     12 u32 CRC32C of bytes [0,12) ‖ [16,32)
/// 16 u16 format version   18 u16 flags (bit 0: filter present)
/// 20 "ZFST" magic         24 8 reserved zero bytes
/// </code>
/// All little-endian. Readers normally never fetch it: the manifest carries the meta location.
/// </summary>
/// <param name="MetaOffset">Offset of the meta region (directory, filter, index, properties).</param>
/// <param name="MetaLength">Length of the meta region.</param>
/// <param name="FormatVersion">Table format version.</param>
/// <param name="Flags">Bit flags.</param>
internal readonly record struct SstTail(long MetaOffset, int MetaLength, ushort FormatVersion, ushort Flags)
{
    /// <summary>Tail length.</summary>
    internal const int Length = 32;

    /// <summary>Current table format version.</summary>
    internal const ushort CurrentVersion = 1;

    /// <summary>Flag: the meta region holds a filter block.</summary>
    internal const ushort FlagHasFilter = 1;

    private static ReadOnlySpan<byte> Magic => "ZFST"u8;

    /// <summary>Writes the tail.</summary>
    internal void Write(Span<byte> destination)
    {
        var tail = destination[..Length];
        tail.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(tail, (ulong)MetaOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[8..], (uint)MetaLength);
        BinaryPrimitives.WriteUInt16LittleEndian(tail[16..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(tail[18..], Flags);
        Magic.CopyTo(tail[20..]);
        BinaryPrimitives.WriteUInt32LittleEndian(tail[12..], Checksum(tail));
    }

    /// <summary>Parses and checks a tail of an object of <paramref name="objectSize"/> bytes.</summary>
    internal static SstTail Parse(ReadOnlySpan<byte> tail, long objectSize)
    {
        if (tail.Length != Length || !tail[20..24].SequenceEqual(Magic))
        {
            ThrowHelper.ThrowCorruption("not a ZeroFS table: bad tail magic");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(tail[12..]) != Checksum(tail))
        {
            ThrowHelper.ThrowCorruption("table tail checksum mismatch");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(tail[16..]);
        if (version != CurrentVersion)
        {
            ThrowHelper.ThrowCorruption($"unsupported table format version {version}");
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(tail);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(tail[8..]);
        if (length > int.MaxValue || offset + length != (ulong)(objectSize - Length))
        {
            ThrowHelper.ThrowCorruption("table tail meta location is outside the object");
        }

        return new SstTail((long)offset, (int)length, version, BinaryPrimitives.ReadUInt16LittleEndian(tail[18..]));
    }

    private static uint Checksum(ReadOnlySpan<byte> tail) => ~Crc32C.Append(Crc32C.Append(uint.MaxValue, tail[..12]), tail[16..Length]);
}
