using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct fuse_forget_data</c>: one element of a batched forget.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseForgetData
{
    /// <summary>The inode.</summary>
    public ulong Ino;

    /// <summary>How many lookups to forget.</summary>
    public ulong Lookups;
}
