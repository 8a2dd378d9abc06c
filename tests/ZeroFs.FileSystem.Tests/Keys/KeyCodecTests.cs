using ZeroFs.FileSystem.Directories;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;

namespace ZeroFs.FileSystem.Tests.Keys;

public class KeyCodecTests
{
    [Fact]
    public void Keys_GoldenBytes_Version1()
    {
        Assert.Equal(1, KeyCodec.FormatVersion);
        Assert.Equal(Convert.FromHexString("010000000000000102"), KeyCodec.Inode(0x102));
        Assert.Equal(Convert.FromHexString("020000000000000001616263"), KeyCodec.DirEntry(1, "abc"u8));
        Assert.Equal(Convert.FromHexString("0300000000000000010000000000000003"), KeyCodec.DirScan(1, 3));
        Assert.Equal(Convert.FromHexString("040000000000000007"), KeyCodec.DirCookie(7));
        Assert.Equal(Convert.FromHexString("05000F"), KeyCodec.Stats(15));
        Assert.Equal(Convert.FromHexString("0600"), KeyCodec.FormatVersionKey);
        Assert.Equal(Convert.FromHexString("0601"), KeyCodec.NextInodeKey);
        Assert.Equal(Convert.FromHexString("070000000000000009"), KeyCodec.Tombstone(9));
        Assert.Equal(Convert.FromHexString("080000000000000009"), KeyCodec.Orphan(9));
        Assert.Equal(Convert.FromHexString("0900000000000000097573657221"), KeyCodec.Xattr(9, "user!"u8));
        Assert.Equal(Convert.FromHexString("0A0000000000000009"), KeyCodec.Truncation(9));
        Assert.Equal(Convert.FromHexString("1000000000000000090000000000000100"), KeyCodec.Chunk(9, 256));
    }

    [Fact]
    public void ChunkKeys_SortNumerically()
    {
        var keys = new[] { KeyCodec.Chunk(2, 0), KeyCodec.Chunk(1, 256), KeyCodec.Chunk(1, 255), KeyCodec.Chunk(1, 0) };
        var sorted = keys.OrderBy(k => k, ByteComparer.Instance).ToArray();
        Assert.Equal([KeyCodec.Chunk(1, 0), KeyCodec.Chunk(1, 255), KeyCodec.Chunk(1, 256), KeyCodec.Chunk(2, 0)], sorted);
    }

    [Fact]
    public void InodeRecord_GoldenBytes_RoundTrip()
    {
        var inode = new InodeRecord
        {
            Id = 5,
            Type = FileType.Symlink,
            Mode = 0x1FF,
            Uid = 1000,
            Gid = 100,
            Size = 3,
            Nlink = 1,
            Atime = 1,
            Mtime = 2,
            Ctime = 3,
            Crtime = 4,
            Rdev = 0,
            Generation = 77,
            Parent = 1,
            Entries = 0,
            Target = "abc"u8.ToArray(),
        };
        var bytes = inode.Encode();
        Assert.Equal(
            "0103FF010000E8030000640000000300000000000000010000000100000000000000020000000000000003000000000000000400000000000000" +
            "00000000000000004D00000000000000010000000000000000000000000000000300616263",
            Convert.ToHexString(bytes));
        var back = InodeRecord.Decode(5, bytes);
        Assert.Equal(inode.ToAttributes(), back.ToAttributes());
        Assert.Equal(inode.Target, back.Target);
        Assert.Throws<InvalidDataException>(() => InodeRecord.Decode(5, bytes.AsSpan(0, 10)));
    }

    [Fact]
    public void DirEntryValue_GoldenBytes_RoundTrip()
    {
        var value = new DirEntryValue(0x10, 3, FileType.Regular);
        Assert.Equal("011000000000000000030000000000000001", Convert.ToHexString(value.Encode()));
        Assert.Equal(value, DirEntryValue.Decode(value.Encode()));
        var scan = DirEntryValue.EncodeScan(0x10, FileType.Directory, "x"u8);
        Assert.Equal("0110000000000000000278", Convert.ToHexString(scan));
    }

    private sealed class ByteComparer : IComparer<byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
