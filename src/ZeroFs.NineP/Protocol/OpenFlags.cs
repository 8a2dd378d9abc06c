namespace ZeroFs.NineP.Protocol;

/// <summary>
/// Tlopen/Tlcreate flags as Linux v9fs sends them (<c>P9_DOTL_*</c>, the x86/generic <c>O_*</c> values).
/// The low two bits are the access mode: mask with <see cref="AccessModeMask"/>.
/// </summary>
[Flags]
public enum OpenFlags : uint
{
    /// <summary>P9_DOTL_RDONLY (access mode 0).</summary>
    ReadOnly = 0,

    /// <summary>P9_DOTL_WRONLY.</summary>
    WriteOnly = 0x1,

    /// <summary>P9_DOTL_RDWR.</summary>
    ReadWrite = 0x2,

    /// <summary>P9_DOTL_NOACCESS.</summary>
    NoAccess = 0x3,

    /// <summary>The access-mode bits (O_ACCMODE).</summary>
    AccessModeMask = 0x3,

    /// <summary>P9_DOTL_CREATE (O_CREAT, 0100).</summary>
    Create = 0x40,

    /// <summary>P9_DOTL_EXCL (0200).</summary>
    Exclusive = 0x80,

    /// <summary>P9_DOTL_NOCTTY (0400).</summary>
    NoControllingTerminal = 0x100,

    /// <summary>P9_DOTL_TRUNC (01000).</summary>
    Truncate = 0x200,

    /// <summary>P9_DOTL_APPEND (02000).</summary>
    Append = 0x400,

    /// <summary>P9_DOTL_NONBLOCK (04000).</summary>
    NonBlocking = 0x800,

    /// <summary>P9_DOTL_DSYNC (010000).</summary>
    DataSync = 0x1000,

    /// <summary>P9_DOTL_FASYNC (020000).</summary>
    Async = 0x2000,

    /// <summary>P9_DOTL_DIRECT (040000).</summary>
    Direct = 0x4000,

    /// <summary>P9_DOTL_LARGEFILE (0100000).</summary>
    LargeFile = 0x8000,

    /// <summary>P9_DOTL_DIRECTORY (0200000).</summary>
    Directory = 0x10000,

    /// <summary>P9_DOTL_NOFOLLOW (0400000).</summary>
    NoFollow = 0x20000,

    /// <summary>P9_DOTL_NOATIME (01000000).</summary>
    NoAtime = 0x40000,

    /// <summary>P9_DOTL_CLOEXEC (02000000).</summary>
    CloseOnExec = 0x80000,

    /// <summary>P9_DOTL_SYNC (04000000).</summary>
    Sync = 0x100000,
}
