namespace ZeroFs.Nfs.Mount;

/// <summary>MOUNT v3 procedures (RFC 1813 appendix I).</summary>
public enum MountProcedure : uint
{
    /// <summary>MOUNTPROC3_NULL.</summary>
    Null = 0,

    /// <summary>MOUNTPROC3_MNT: the root handle of an export.</summary>
    Mount = 1,

    /// <summary>MOUNTPROC3_DUMP: the mounts this server has recorded.</summary>
    Dump = 2,

    /// <summary>MOUNTPROC3_UMNT: forget one mount of the caller.</summary>
    Unmount = 3,

    /// <summary>MOUNTPROC3_UMNTALL: forget every mount of the caller.</summary>
    UnmountAll = 4,

    /// <summary>MOUNTPROC3_EXPORT: the export list.</summary>
    Export = 5,
}
