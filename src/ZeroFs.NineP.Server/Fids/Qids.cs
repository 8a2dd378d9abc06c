using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server.Fids;

/// <summary>Qids and directory-entry types from filesystem types.</summary>
internal static class Qids
{
    /// <summary>
    /// The qid of an inode: path = the inode id (never reused), version 0. Linux compares qid.version to
    /// decide whether a cached inode is still the same file, so a version that changed on every write
    /// would make it drop and re-create inodes; ids are never reused, so 0 is always right.
    /// </summary>
    public static Qid Of(ulong inode, FileType type) => new(TypeOf(type), 0, inode);

    public static Qid Of(in InodeAttributes attributes) => Of(attributes.Id, attributes.Type);

    public static QidType TypeOf(FileType type) => type switch
    {
        FileType.Directory => QidType.Directory,
        FileType.Symlink => QidType.Symlink,
        _ => QidType.File,
    };

    /// <summary>The Linux d_type of a directory entry (DT_*).</summary>
    public static byte DirentType(FileType type) => type switch
    {
        FileType.Fifo => 1,
        FileType.CharDevice => 2,
        FileType.Directory => 4,
        FileType.BlockDevice => 6,
        FileType.Regular => 8,
        FileType.Symlink => 10,
        FileType.Socket => 12,
        _ => 0,
    };
}
