using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct flock</c> on 64-bit Linux (32 bytes). The kernel hands FUSE absolute ranges (l_whence = SEEK_SET).</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeFlock
{
    /// <summary>F_RDLCK.</summary>
    public const short ReadLock = 0;

    /// <summary>F_WRLCK.</summary>
    public const short WriteLock = 1;

    /// <summary>F_UNLCK.</summary>
    public const short Unlock = 2;

    /// <summary>l_type.</summary>
    [FieldOffset(0)]
    public short Type;

    /// <summary>l_whence.</summary>
    [FieldOffset(2)]
    public short Whence;

    /// <summary>l_start.</summary>
    [FieldOffset(8)]
    public long Start;

    /// <summary>l_len (0 = to end of file).</summary>
    [FieldOffset(16)]
    public long Length;

    /// <summary>l_pid.</summary>
    [FieldOffset(24)]
    public int Pid;
}
