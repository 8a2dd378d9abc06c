using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// <c>struct fuse_file_info</c> (libfuse 3.14, 40 bytes): open flags, a word of bit fields, the
/// file handle we choose in open/create/opendir, and the lock owner.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseFileInfo
{
    /// <summary>Bit of <see cref="Bits"/>: the write comes from the page cache (writeback), not a caller.</summary>
    public const uint WritePage = 1 << 0;

    /// <summary>Bit of <see cref="Bits"/>: bypass the page cache for this open file.</summary>
    public const uint DirectIO = 1 << 1;

    /// <summary>Bit of <see cref="Bits"/>: keep cached pages on open.</summary>
    public const uint KeepCache = 1 << 2;

    /// <summary>Bit of <see cref="Bits"/>: the release also flushes.</summary>
    public const uint FlushBit = 1 << 3;

    /// <summary>Bit of <see cref="Bits"/>: the file is not seekable.</summary>
    public const uint NonSeekable = 1 << 4;

    /// <summary>Bit of <see cref="Bits"/>: release drops flock locks of <see cref="LockOwner"/>.</summary>
    public const uint FlockRelease = 1 << 5;

    /// <summary>open(2) flags.</summary>
    public int Flags;

    /// <summary>writepage, direct_io, keep_cache, flush, nonseekable, flock_release, cache_readdir, noflush (bits 0–7).</summary>
    public uint Bits;

    /// <summary>padding2.</summary>
    public uint Padding;

    /// <summary>The file handle chosen by the file system.</summary>
    public ulong FileHandle;

    /// <summary>Lock owner (valid in flush, setlk, getlk and flock release).</summary>
    public ulong LockOwner;

    /// <summary>poll events (unused).</summary>
    public uint PollEvents;
}
