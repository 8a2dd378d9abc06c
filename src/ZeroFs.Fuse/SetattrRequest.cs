namespace ZeroFs.Fuse;

/// <summary>A FUSE setattr copied out of its <c>struct stat</c> and <c>to_set</c> bits before the callback returns.</summary>
internal readonly record struct SetattrRequest(
    int ToSet,
    uint Mode,
    uint Uid,
    uint Gid,
    long Size,
    long AtimeSeconds,
    long AtimeNanoseconds,
    long MtimeSeconds,
    long MtimeNanoseconds,
    ulong? FileHandle)
{
    /// <summary>FUSE_SET_ATTR_MODE.</summary>
    public const int SetMode = 1 << 0;

    /// <summary>FUSE_SET_ATTR_UID.</summary>
    public const int SetUid = 1 << 1;

    /// <summary>FUSE_SET_ATTR_GID.</summary>
    public const int SetGid = 1 << 2;

    /// <summary>FUSE_SET_ATTR_SIZE.</summary>
    public const int SetSize = 1 << 3;

    /// <summary>FUSE_SET_ATTR_ATIME.</summary>
    public const int SetAtime = 1 << 4;

    /// <summary>FUSE_SET_ATTR_MTIME.</summary>
    public const int SetMtime = 1 << 5;

    /// <summary>FUSE_SET_ATTR_ATIME_NOW (utimensat UTIME_NOW; comes with ATIME).</summary>
    public const int SetAtimeNow = 1 << 7;

    /// <summary>FUSE_SET_ATTR_MTIME_NOW.</summary>
    public const int SetMtimeNow = 1 << 8;

    /// <summary>FUSE_SET_ATTR_CTIME.</summary>
    public const int SetCtime = 1 << 10;
}
