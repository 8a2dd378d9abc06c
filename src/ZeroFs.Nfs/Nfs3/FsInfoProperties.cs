namespace ZeroFs.Nfs.Nfs3;

/// <summary>FSINFO3 properties (RFC 1813 §3.3.19).</summary>
[Flags]
public enum FsInfoProperties : uint
{
    /// <summary>No properties.</summary>
    None = 0,

    /// <summary>FSF3_LINK: hard links are supported.</summary>
    Link = 0x01,

    /// <summary>FSF3_SYMLINK: symbolic links are supported.</summary>
    Symlink = 0x02,

    /// <summary>FSF3_HOMOGENEOUS: PATHCONF is the same for every file.</summary>
    Homogeneous = 0x08,

    /// <summary>FSF3_CANSETTIME: SETATTR can set times.</summary>
    CanSetTime = 0x10,
}
