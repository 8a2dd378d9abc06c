using System.Buffers.Binary;

namespace ZeroFs.FileSystem.Directories;

/// <summary>
/// Values of directory records, version 1, little-endian.
/// DirEntry: <c>ver u8, child u64, cookie u64, type u8</c>. DirScan: <c>ver u8, child u64, type u8, name</c>.
/// </summary>
/// <param name="Child">The inode the entry names.</param>
/// <param name="Cookie">The entry's readdir cookie.</param>
/// <param name="Type">The child's type (readdir d_type without an inode read).</param>
internal readonly record struct DirEntryValue(ulong Child, ulong Cookie, FileType Type)
{
    public const byte Version = 1;

    public byte[] Encode()
    {
        var value = new byte[18];
        value[0] = Version;
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(1), Child);
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(9), Cookie);
        value[17] = (byte)Type;
        return value;
    }

    public static DirEntryValue Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length != 18 || value[0] != Version)
        {
            throw new InvalidDataException("Unknown directory entry record.");
        }

        return new DirEntryValue(
            BinaryPrimitives.ReadUInt64LittleEndian(value[1..]),
            BinaryPrimitives.ReadUInt64LittleEndian(value[9..]),
            (FileType)value[17]);
    }

    public static byte[] EncodeScan(ulong child, FileType type, ReadOnlySpan<byte> name)
    {
        var value = new byte[10 + name.Length];
        value[0] = Version;
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(1), child);
        value[9] = (byte)type;
        name.CopyTo(value.AsSpan(10));
        return value;
    }

    public static (ulong Child, FileType Type, byte[] Name) DecodeScan(ReadOnlySpan<byte> value)
    {
        if (value.Length < 10 || value[0] != Version)
        {
            throw new InvalidDataException("Unknown directory scan record.");
        }

        return (BinaryPrimitives.ReadUInt64LittleEndian(value[1..]), (FileType)value[9], value[10..].ToArray());
    }
}
