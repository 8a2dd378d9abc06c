using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary><c>struct statvfs</c> of glibc on 64-bit Linux (112 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 112)]
internal struct NativeStatvfs
{
    /// <summary>f_bsize.</summary>
    [FieldOffset(0)]
    public ulong BlockSize;

    /// <summary>f_frsize.</summary>
    [FieldOffset(8)]
    public ulong FragmentSize;

    /// <summary>f_blocks.</summary>
    [FieldOffset(16)]
    public ulong Blocks;

    /// <summary>f_bfree.</summary>
    [FieldOffset(24)]
    public ulong FreeBlocks;

    /// <summary>f_bavail.</summary>
    [FieldOffset(32)]
    public ulong AvailableBlocks;

    /// <summary>f_files.</summary>
    [FieldOffset(40)]
    public ulong Files;

    /// <summary>f_ffree.</summary>
    [FieldOffset(48)]
    public ulong FreeFiles;

    /// <summary>f_favail.</summary>
    [FieldOffset(56)]
    public ulong AvailableFiles;

    /// <summary>f_fsid.</summary>
    [FieldOffset(64)]
    public ulong FileSystemId;

    /// <summary>f_flag.</summary>
    [FieldOffset(72)]
    public ulong Flags;

    /// <summary>f_namemax.</summary>
    [FieldOffset(80)]
    public ulong MaxNameLength;
}
