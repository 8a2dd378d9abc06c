namespace ZeroFs.FileSystem;

/// <summary>The kind of an inode (the S_IFMT part of st_mode).</summary>
public enum FileType : byte
{
    /// <summary>A regular file (S_IFREG).</summary>
    Regular = 1,

    /// <summary>A directory (S_IFDIR).</summary>
    Directory = 2,

    /// <summary>A symbolic link (S_IFLNK).</summary>
    Symlink = 3,

    /// <summary>A character device (S_IFCHR).</summary>
    CharDevice = 4,

    /// <summary>A block device (S_IFBLK).</summary>
    BlockDevice = 5,

    /// <summary>A named pipe (S_IFIFO).</summary>
    Fifo = 6,

    /// <summary>A Unix domain socket (S_IFSOCK).</summary>
    Socket = 7,
}
