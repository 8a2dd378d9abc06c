using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct fuse_args</c>: an argv for fuse_session_new (argv[0] is a program name).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArguments
{
    /// <summary>argc.</summary>
    public int Count;

    /// <summary>argv.</summary>
    public byte** Values;

    /// <summary>Whether libfuse allocated argv (0: ours).</summary>
    public int Allocated;
}
