using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>fattr3 (RFC 1813 §2.6): the attributes of a file object, 84 bytes on the wire.</summary>
/// <param name="Type">The file type.</param>
/// <param name="Mode">Permission bits (07777).</param>
/// <param name="Nlink">Hard links.</param>
/// <param name="Uid">Owner.</param>
/// <param name="Gid">Group.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Used">Bytes of storage used.</param>
/// <param name="RdevMajor">specdata1: the device's major number.</param>
/// <param name="RdevMinor">specdata2: the device's minor number.</param>
/// <param name="Fsid">The filesystem id.</param>
/// <param name="FileId">The inode number.</param>
/// <param name="Atime">Last access.</param>
/// <param name="Mtime">Last modification.</param>
/// <param name="Ctime">Last status change.</param>
public readonly record struct Nfs3Attributes(
    Nfs3FileType Type, uint Mode, uint Nlink, uint Uid, uint Gid, ulong Size, ulong Used, uint RdevMajor, uint RdevMinor, ulong Fsid, ulong FileId,
    NfsTime Atime, NfsTime Mtime, NfsTime Ctime) : IXdrMessage<Nfs3Attributes>
{
    /// <summary>The encoded size.</summary>
    public const int EncodedLength = 84;

    /// <summary>The wcc_attr subset (size, mtime, ctime) for pre-operation attributes.</summary>
    public WccAttributes ToWcc() => new(Size, Mtime, Ctime);

    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out Nfs3Attributes value)
    {
        var ok = reader.TryReadUInt32(out var type) & reader.TryReadUInt32(out var mode) & reader.TryReadUInt32(out var nlink) &
            reader.TryReadUInt32(out var uid) & reader.TryReadUInt32(out var gid) & reader.TryReadUInt64(out var size) &
            reader.TryReadUInt64(out var used) & reader.TryReadUInt32(out var major) & reader.TryReadUInt32(out var minor) &
            reader.TryReadUInt64(out var fsid) & reader.TryReadUInt64(out var fileId) & Nfs3Xdr.TryReadTime(ref reader, out var atime) &
            Nfs3Xdr.TryReadTime(ref reader, out var mtime) & Nfs3Xdr.TryReadTime(ref reader, out var ctime);
        value = new Nfs3Attributes((Nfs3FileType)type, mode, nlink, uid, gid, size, used, major, minor, fsid, fileId, atime, mtime, ctime);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Type);
        writer.WriteUInt32(Mode);
        writer.WriteUInt32(Nlink);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteUInt64(Size);
        writer.WriteUInt64(Used);
        writer.WriteUInt32(RdevMajor);
        writer.WriteUInt32(RdevMinor);
        writer.WriteUInt64(Fsid);
        writer.WriteUInt64(FileId);
        Nfs3Xdr.WriteTime(ref writer, Atime);
        Nfs3Xdr.WriteTime(ref writer, Mtime);
        Nfs3Xdr.WriteTime(ref writer, Ctime);
    }
}
