namespace ZeroFs.Nfs.Nfs3;

/// <summary>ftype3 (RFC 1813 §2.6).</summary>
public enum Nfs3FileType : uint
{
    /// <summary>NF3REG.</summary>
    Regular = 1,

    /// <summary>NF3DIR.</summary>
    Directory = 2,

    /// <summary>NF3BLK.</summary>
    BlockDevice = 3,

    /// <summary>NF3CHR.</summary>
    CharDevice = 4,

    /// <summary>NF3LNK.</summary>
    Symlink = 5,

    /// <summary>NF3SOCK.</summary>
    Socket = 6,

    /// <summary>NF3FIFO.</summary>
    Fifo = 7,
}
