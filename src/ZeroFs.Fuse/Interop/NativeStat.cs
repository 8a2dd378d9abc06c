using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// <c>struct stat</c> of glibc on x86-64 (144 bytes). Other architectures lay it out differently,
/// which is why <see cref="FuseMount"/> refuses to start elsewhere.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct NativeStat
{
    /// <summary>st_dev.</summary>
    [FieldOffset(0)]
    public ulong Device;

    /// <summary>st_ino.</summary>
    [FieldOffset(8)]
    public ulong Ino;

    /// <summary>st_nlink.</summary>
    [FieldOffset(16)]
    public ulong LinkCount;

    /// <summary>st_mode: type and permission bits.</summary>
    [FieldOffset(24)]
    public uint Mode;

    /// <summary>st_uid.</summary>
    [FieldOffset(28)]
    public uint Uid;

    /// <summary>st_gid.</summary>
    [FieldOffset(32)]
    public uint Gid;

    /// <summary>st_rdev.</summary>
    [FieldOffset(40)]
    public ulong RDev;

    /// <summary>st_size.</summary>
    [FieldOffset(48)]
    public long Size;

    /// <summary>st_blksize.</summary>
    [FieldOffset(56)]
    public long BlockSize;

    /// <summary>st_blocks (512-byte units).</summary>
    [FieldOffset(64)]
    public long Blocks;

    /// <summary>st_atim.tv_sec.</summary>
    [FieldOffset(72)]
    public long AtimeSeconds;

    /// <summary>st_atim.tv_nsec.</summary>
    [FieldOffset(80)]
    public long AtimeNanoseconds;

    /// <summary>st_mtim.tv_sec.</summary>
    [FieldOffset(88)]
    public long MtimeSeconds;

    /// <summary>st_mtim.tv_nsec.</summary>
    [FieldOffset(96)]
    public long MtimeNanoseconds;

    /// <summary>st_ctim.tv_sec.</summary>
    [FieldOffset(104)]
    public long CtimeSeconds;

    /// <summary>st_ctim.tv_nsec.</summary>
    [FieldOffset(112)]
    public long CtimeNanoseconds;
}
