using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;

namespace ZeroFs.Nfs.Server;

/// <summary>Converts between the filesystem's attributes and fattr3 / sattr3.</summary>
internal static class AttributeMapping
{
    public static Nfs3Attributes ToNfs3(in InodeAttributes a, ulong fsid)
    {
        // Linux new_encode_dev: minor low byte, major in bits 8-19, minor high bits from bit 20.
        var major = (uint)((a.Rdev & 0xFFF00) >> 8);
        var minor = (uint)((a.Rdev & 0xFF) | ((a.Rdev >> 12) & 0xFFF00));
        var size = (ulong)Math.Max(0, a.Size);
        return new Nfs3Attributes(
            ToNfs3(a.Type), a.Mode & 0xFFF, a.Nlink, a.Uid, a.Gid, size, a.Type == FileType.Regular ? (size + 4095) & ~4095UL : size,
            major, minor, fsid, a.Id, NfsTime.FromUnixNanoseconds(a.Atime), NfsTime.FromUnixNanoseconds(a.Mtime), NfsTime.FromUnixNanoseconds(a.Ctime));
    }

    public static WccAttributes ToWcc(in InodeAttributes a) =>
        new((ulong)Math.Max(0, a.Size), NfsTime.FromUnixNanoseconds(a.Mtime), NfsTime.FromUnixNanoseconds(a.Ctime));

    public static Nfs3FileType ToNfs3(FileType type) => type switch
    {
        FileType.Regular => Nfs3FileType.Regular,
        FileType.Directory => Nfs3FileType.Directory,
        FileType.Symlink => Nfs3FileType.Symlink,
        FileType.CharDevice => Nfs3FileType.CharDevice,
        FileType.BlockDevice => Nfs3FileType.BlockDevice,
        FileType.Fifo => Nfs3FileType.Fifo,
        _ => Nfs3FileType.Socket,
    };

    /// <summary>Linux new_encode_dev of a major and minor number.</summary>
    public static ulong EncodeDevice(uint major, uint minor) => (minor & 0xFFu) | ((ulong)(major & 0xFFF) << 8) | ((ulong)(minor & ~0xFFu) << 12);

    /// <summary>sattr3 as a filesystem setattr; null when a value is out of range (size beyond 2^63).</summary>
    public static SetAttributes? ToFileSystem(in Nfs3SetAttributes s)
    {
        if (s.Size is > long.MaxValue)
        {
            return null;
        }

        return new SetAttributes
        {
            Mode = s.Mode & 0xFFF,
            Uid = s.Uid,
            Gid = s.Gid,
            Size = (long?)s.Size,
            Atime = ToTimeSetting(s.Atime),
            Mtime = ToTimeSetting(s.Mtime),
        };
    }

    private static TimeSetting ToTimeSetting(SetTime time) => time.How switch
    {
        TimeHow.ServerTime => TimeSetting.Now,
        TimeHow.ClientTime => TimeSetting.At(time.Time.ToUnixNanoseconds()),
        _ => TimeSetting.Omit,
    };
}
