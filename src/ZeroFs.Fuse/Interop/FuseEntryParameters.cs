using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct fuse_entry_param</c>: the answer to a lookup-like request.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseEntryParameters
{
    /// <summary>The inode number (0 = negative entry).</summary>
    public ulong Ino;

    /// <summary>Generation: (ino, generation) must be unique for the mount's lifetime. Our inode numbers are never reused, so 0.</summary>
    public ulong Generation;

    /// <summary>The attributes.</summary>
    public NativeStat Attributes;

    /// <summary>Seconds the kernel may cache the attributes.</summary>
    public double AttributeTimeout;

    /// <summary>Seconds the kernel may cache the name.</summary>
    public double EntryTimeout;
}
