using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct fuse_ctx</c>: who made the request.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseContext
{
    /// <summary>The caller's fsuid.</summary>
    public uint Uid;

    /// <summary>The caller's fsgid.</summary>
    public uint Gid;

    /// <summary>The calling thread's pid.</summary>
    public int Pid;

    /// <summary>The caller's umask (only when FUSE_CAP_DONT_MASK is on).</summary>
    public uint Umask;
}
