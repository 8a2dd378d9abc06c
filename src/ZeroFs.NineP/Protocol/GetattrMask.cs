namespace ZeroFs.NineP.Protocol;

/// <summary>Tgetattr request mask and Rgetattr valid mask (<c>P9_GETATTR_*</c>).</summary>
[Flags]
public enum GetattrMask : ulong
{
    /// <summary>No attributes.</summary>
    None = 0,

    /// <summary>P9_GETATTR_MODE.</summary>
    Mode = 0x0000_0001,

    /// <summary>P9_GETATTR_NLINK.</summary>
    LinkCount = 0x0000_0002,

    /// <summary>P9_GETATTR_UID.</summary>
    Uid = 0x0000_0004,

    /// <summary>P9_GETATTR_GID.</summary>
    Gid = 0x0000_0008,

    /// <summary>P9_GETATTR_RDEV.</summary>
    RDev = 0x0000_0010,

    /// <summary>P9_GETATTR_ATIME.</summary>
    Atime = 0x0000_0020,

    /// <summary>P9_GETATTR_MTIME.</summary>
    Mtime = 0x0000_0040,

    /// <summary>P9_GETATTR_CTIME.</summary>
    Ctime = 0x0000_0080,

    /// <summary>P9_GETATTR_INO (the qid path).</summary>
    Inode = 0x0000_0100,

    /// <summary>P9_GETATTR_SIZE.</summary>
    Size = 0x0000_0200,

    /// <summary>P9_GETATTR_BLOCKS.</summary>
    Blocks = 0x0000_0400,

    /// <summary>P9_GETATTR_BTIME.</summary>
    Btime = 0x0000_0800,

    /// <summary>P9_GETATTR_GEN.</summary>
    Generation = 0x0000_1000,

    /// <summary>P9_GETATTR_DATA_VERSION.</summary>
    DataVersion = 0x0000_2000,

    /// <summary>P9_GETATTR_BASIC: everything in struct stat (mode … blocks).</summary>
    Basic = 0x0000_07ff,

    /// <summary>P9_GETATTR_ALL.</summary>
    All = 0x0000_3fff,
}
