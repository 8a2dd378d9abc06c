namespace ZeroFs.NineP.Protocol;

/// <summary>Tsetattr valid mask (<c>P9_ATTR_*</c>, the kernel's <c>ATTR_*</c> bits).</summary>
[Flags]
public enum SetattrMask : uint
{
    /// <summary>Nothing to change.</summary>
    None = 0,

    /// <summary>P9_ATTR_MODE.</summary>
    Mode = 0x0001,

    /// <summary>P9_ATTR_UID.</summary>
    Uid = 0x0002,

    /// <summary>P9_ATTR_GID.</summary>
    Gid = 0x0004,

    /// <summary>P9_ATTR_SIZE.</summary>
    Size = 0x0008,

    /// <summary>P9_ATTR_ATIME: change atime (to the server's now unless <see cref="AtimeSet"/>).</summary>
    Atime = 0x0010,

    /// <summary>P9_ATTR_MTIME: change mtime (to the server's now unless <see cref="MtimeSet"/>).</summary>
    Mtime = 0x0020,

    /// <summary>P9_ATTR_CTIME.</summary>
    Ctime = 0x0040,

    /// <summary>P9_ATTR_ATIME_SET: use the atime carried in the message.</summary>
    AtimeSet = 0x0080,

    /// <summary>P9_ATTR_MTIME_SET: use the mtime carried in the message.</summary>
    MtimeSet = 0x0100,
}
