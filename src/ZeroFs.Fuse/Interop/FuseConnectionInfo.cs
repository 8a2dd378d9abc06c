using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct fuse_conn_info</c>: what the kernel offers and what the file system wants; edited in init.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseConnectionInfo
{
    /// <summary>FUSE_CAP_POSIX_LOCKS: the kernel forwards fcntl locks.</summary>
    public const uint CapPosixLocks = 1 << 1;

    /// <summary>FUSE_CAP_ATOMIC_O_TRUNC: open(O_TRUNC) is forwarded rather than turned into a setattr.</summary>
    public const uint CapAtomicOTrunc = 1 << 3;

    /// <summary>FUSE_CAP_SPLICE_WRITE.</summary>
    public const uint CapSpliceWrite = 1 << 7;

    /// <summary>FUSE_CAP_SPLICE_MOVE.</summary>
    public const uint CapSpliceMove = 1 << 8;

    /// <summary>FUSE_CAP_SPLICE_READ.</summary>
    public const uint CapSpliceRead = 1 << 9;

    /// <summary>FUSE_CAP_READDIRPLUS.</summary>
    public const uint CapReaddirplus = 1 << 13;

    /// <summary>FUSE_CAP_AUTO_INVAL_DATA: the kernel drops cached pages when it sees the size or mtime change.</summary>
    public const uint CapAutoInvalData = 1 << 12;

    /// <summary>FUSE_CAP_READDIRPLUS_AUTO.</summary>
    public const uint CapReaddirplusAuto = 1 << 14;

    /// <summary>FUSE_CAP_WRITEBACK_CACHE: the kernel buffers writes in the page cache.</summary>
    public const uint CapWritebackCache = 1 << 16;

    /// <summary>FUSE_CAP_HANDLE_KILLPRIV: the file system (not the kernel) clears setuid bits on write.</summary>
    public const uint CapHandleKillPriv = 1 << 20;

    /// <summary>proto_major.</summary>
    public uint ProtocolMajor;

    /// <summary>proto_minor.</summary>
    public uint ProtocolMinor;

    /// <summary>max_write: largest write request.</summary>
    public uint MaxWrite;

    /// <summary>max_read: largest read request (must match the max_read mount option).</summary>
    public uint MaxRead;

    /// <summary>max_readahead.</summary>
    public uint MaxReadahead;

    /// <summary>capable: FUSE_CAP_* the kernel supports.</summary>
    public uint Capable;

    /// <summary>want: FUSE_CAP_* the file system asks for.</summary>
    public uint Want;

    /// <summary>max_background: most outstanding background requests.</summary>
    public uint MaxBackground;

    /// <summary>congestion_threshold.</summary>
    public uint CongestionThreshold;

    /// <summary>time_gran: timestamp granularity in ns (1 = nanoseconds).</summary>
    public uint TimeGranularity;

    /// <summary>reserved[22].</summary>
    public fixed uint Reserved[22];
}
