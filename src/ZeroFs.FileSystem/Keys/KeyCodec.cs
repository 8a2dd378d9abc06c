using System.Buffers.Binary;

namespace ZeroFs.FileSystem.Keys;

/// <summary>
/// Encodes filesystem keys (docs/formats/filesystem-keys.md, format version <see cref="FormatVersion"/>).
/// Layout: <c>kind u8 || fields</c>, integers big-endian so scans come out in numeric order;
/// names are raw bytes. Values are little-endian and open with their own version byte.
/// </summary>
internal static class KeyCodec
{
    /// <summary>The key layout version, stored under <see cref="FormatVersionKey"/>.</summary>
    public const byte FormatVersion = 1;

    /// <summary>System subtype: the format version (value: one byte).</summary>
    public const byte SystemFormat = 0x00;

    /// <summary>System subtype: inode ids below this value may be in use (value: u64 LE).</summary>
    public const byte SystemNextInode = 0x01;

    /// <summary>The number of stats shards.</summary>
    public const int StatsShards = 16;

    public static byte[] FormatVersionKey { get; } = System(SystemFormat);

    public static byte[] NextInodeKey { get; } = System(SystemNextInode);

    public static byte[] Inode(ulong id) => Id(KeyKind.Inode, id);

    public static byte[] DirEntry(ulong dir, ReadOnlySpan<byte> name)
    {
        var key = new byte[9 + name.Length];
        key[0] = (byte)KeyKind.DirEntry;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), dir);
        name.CopyTo(key.AsSpan(9));
        return key;
    }

    public static byte[] DirScan(ulong dir, ulong cookie) => IdPair(KeyKind.DirScan, dir, cookie);

    public static byte[] DirCookie(ulong dir) => Id(KeyKind.DirCookie, dir);

    public static byte[] Stats(int shard)
    {
        var key = new byte[3];
        key[0] = (byte)KeyKind.Stats;
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(1), (ushort)shard);
        return key;
    }

    public static byte[] System(byte subtype) => [(byte)KeyKind.System, subtype];

    public static byte[] Tombstone(ulong id) => Id(KeyKind.Tombstone, id);

    public static byte[] Orphan(ulong id) => Id(KeyKind.Orphan, id);

    public static byte[] Xattr(ulong id, ReadOnlySpan<byte> name)
    {
        var key = new byte[9 + name.Length];
        key[0] = (byte)KeyKind.Xattr;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        name.CopyTo(key.AsSpan(9));
        return key;
    }

    public static byte[] Truncation(ulong id) => Id(KeyKind.Truncation, id);

    public static byte[] Chunk(ulong id, ulong index) => IdPair(KeyKind.Chunk, id, index);

    /// <summary>The first key after every key that starts with <c>kind || id</c>.</summary>
    public static byte[] IdEnd(KeyKind kind, ulong id) => id == ulong.MaxValue ? [(byte)(kind + 1)] : Id(kind, id + 1);

    /// <summary>The first key of a family (for whole-family scans).</summary>
    public static byte[] KindStart(KeyKind kind) => [(byte)kind];

    /// <summary>The first key after a family.</summary>
    public static byte[] KindEnd(KeyKind kind) => [(byte)(kind + 1)];

    public static byte[] Id(KeyKind kind, ulong id)
    {
        var key = new byte[9];
        key[0] = (byte)kind;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        return key;
    }

    public static byte[] IdPair(KeyKind kind, ulong id, ulong second)
    {
        var key = new byte[17];
        key[0] = (byte)kind;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), id);
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(9), second);
        return key;
    }

    /// <summary>The first u64 field of a key (inode or directory id).</summary>
    public static ulong ReadId(ReadOnlySpan<byte> key) => BinaryPrimitives.ReadUInt64BigEndian(key[1..]);

    /// <summary>The second u64 field of a two-id key (cookie or chunk index).</summary>
    public static ulong ReadSecond(ReadOnlySpan<byte> key) => BinaryPrimitives.ReadUInt64BigEndian(key[9..]);

    /// <summary>The trailing name of a (kind, id, name) key.</summary>
    public static ReadOnlySpan<byte> ReadName(ReadOnlySpan<byte> key) => key[9..];
}
