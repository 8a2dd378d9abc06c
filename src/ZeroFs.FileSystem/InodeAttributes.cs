namespace ZeroFs.FileSystem;

/// <summary>The attributes of an inode as stat(2) reports them. Times are nanoseconds since the Unix epoch.</summary>
/// <param name="Id">The inode id (never reused).</param>
/// <param name="Generation">Distinguishes this inode from any other that could ever carry the same id (NFS handles).</param>
/// <param name="Type">The file type.</param>
/// <param name="Mode">Permission bits including S_ISUID (04000), S_ISGID (02000) and sticky (01000).</param>
/// <param name="Uid">The owner.</param>
/// <param name="Gid">The group.</param>
/// <param name="Size">Bytes (files), target length (symlinks), 0 for directories and special files.</param>
/// <param name="Nlink">The link count (directories: 2 + subdirectories).</param>
/// <param name="Atime">Last access.</param>
/// <param name="Mtime">Last data modification.</param>
/// <param name="Ctime">Last status change.</param>
/// <param name="Crtime">Creation (birth) time.</param>
/// <param name="Rdev">The device number of character and block devices (Linux new_encode_dev).</param>
public readonly record struct InodeAttributes(
    ulong Id,
    ulong Generation,
    FileType Type,
    uint Mode,
    uint Uid,
    uint Gid,
    long Size,
    uint Nlink,
    long Atime,
    long Mtime,
    long Ctime,
    long Crtime,
    ulong Rdev)
{
    /// <summary>st_mode: the S_IFMT type bits combined with <see cref="Mode"/>.</summary>
    public uint StMode => Mode | Type switch
    {
        FileType.Regular => 0x8000u,
        FileType.Directory => 0x4000u,
        FileType.Symlink => 0xA000u,
        FileType.CharDevice => 0x2000u,
        FileType.BlockDevice => 0x6000u,
        FileType.Fifo => 0x1000u,
        _ => 0xC000u,
    };
}
