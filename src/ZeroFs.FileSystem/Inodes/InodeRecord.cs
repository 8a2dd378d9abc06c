using System.Buffers.Binary;

namespace ZeroFs.FileSystem.Inodes;

/// <summary>
/// The persisted inode (value of an Inode key). Layout, little-endian, version 1:
/// <c>ver u8, type u8, mode u32, uid u32, gid u32, size i64, nlink u32, atime i64, mtime i64,
/// ctime i64, crtime i64, rdev u64, generation u64, parent u64, entries u64, target_len u16, target</c>.
/// Times are nanoseconds since the Unix epoch. <c>parent</c> is exact for directories (one parent)
/// and a hint for other inodes; <c>entries</c> counts a directory's entries (rmdir needs zero).
/// </summary>
internal sealed class InodeRecord
{
    public const byte Version = 1;
    public const int FixedLength = 92;

    public ulong Id { get; init; }

    public FileType Type { get; set; }

    public uint Mode { get; set; }

    public uint Uid { get; set; }

    public uint Gid { get; set; }

    public long Size { get; set; }

    public uint Nlink { get; set; }

    public long Atime { get; set; }

    public long Mtime { get; set; }

    public long Ctime { get; set; }

    public long Crtime { get; set; }

    public ulong Rdev { get; set; }

    public ulong Generation { get; set; }

    public ulong Parent { get; set; }

    public ulong Entries { get; set; }

    public byte[]? Target { get; set; }

    public bool IsDirectory => Type == FileType.Directory;

    public InodeRecord Clone() => (InodeRecord)MemberwiseClone();

    public InodeAttributes ToAttributes() =>
        new(Id, Generation, Type, Mode, Uid, Gid, Size, Nlink, Atime, Mtime, Ctime, Crtime, Rdev);

    public byte[] Encode()
    {
        var targetLength = Target?.Length ?? 0;
        var buffer = new byte[FixedLength + targetLength];
        var span = buffer.AsSpan();
        span[0] = Version;
        span[1] = (byte)Type;
        BinaryPrimitives.WriteUInt32LittleEndian(span[2..], Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[6..], Uid);
        BinaryPrimitives.WriteUInt32LittleEndian(span[10..], Gid);
        BinaryPrimitives.WriteInt64LittleEndian(span[14..], Size);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], Nlink);
        BinaryPrimitives.WriteInt64LittleEndian(span[26..], Atime);
        BinaryPrimitives.WriteInt64LittleEndian(span[34..], Mtime);
        BinaryPrimitives.WriteInt64LittleEndian(span[42..], Ctime);
        BinaryPrimitives.WriteInt64LittleEndian(span[50..], Crtime);
        BinaryPrimitives.WriteUInt64LittleEndian(span[58..], Rdev);
        BinaryPrimitives.WriteUInt64LittleEndian(span[66..], Generation);
        BinaryPrimitives.WriteUInt64LittleEndian(span[74..], Parent);
        BinaryPrimitives.WriteUInt64LittleEndian(span[82..], Entries);
        BinaryPrimitives.WriteUInt16LittleEndian(span[90..], (ushort)targetLength);
        Target?.CopyTo(span[FixedLength..]);
        return buffer;
    }

    public static InodeRecord Decode(ulong id, ReadOnlySpan<byte> span)
    {
        if (span.Length < FixedLength || span[0] != Version)
        {
            throw new InvalidDataException($"Inode {id}: unknown record version or truncated record ({span.Length} bytes).");
        }

        var targetLength = BinaryPrimitives.ReadUInt16LittleEndian(span[90..]);
        if (span.Length != FixedLength + targetLength)
        {
            throw new InvalidDataException($"Inode {id}: record length {span.Length} does not match its target length {targetLength}.");
        }

        return new InodeRecord
        {
            Id = id,
            Type = (FileType)span[1],
            Mode = BinaryPrimitives.ReadUInt32LittleEndian(span[2..]),
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(span[6..]),
            Gid = BinaryPrimitives.ReadUInt32LittleEndian(span[10..]),
            Size = BinaryPrimitives.ReadInt64LittleEndian(span[14..]),
            Nlink = BinaryPrimitives.ReadUInt32LittleEndian(span[22..]),
            Atime = BinaryPrimitives.ReadInt64LittleEndian(span[26..]),
            Mtime = BinaryPrimitives.ReadInt64LittleEndian(span[34..]),
            Ctime = BinaryPrimitives.ReadInt64LittleEndian(span[42..]),
            Crtime = BinaryPrimitives.ReadInt64LittleEndian(span[50..]),
            Rdev = BinaryPrimitives.ReadUInt64LittleEndian(span[58..]),
            Generation = BinaryPrimitives.ReadUInt64LittleEndian(span[66..]),
            Parent = BinaryPrimitives.ReadUInt64LittleEndian(span[74..]),
            Entries = BinaryPrimitives.ReadUInt64LittleEndian(span[82..]),
            Target = targetLength == 0 ? null : span.Slice(FixedLength, targetLength).ToArray(),
        };
    }
}
