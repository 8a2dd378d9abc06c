using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// <c>struct fuse_buf</c>: the receive buffer of one worker. With <see cref="Memory"/> null,
/// fuse_session_receive_buf mallocs a buffer of the session's size and the worker reuses it; the
/// worker frees it with <see cref="NativeMemory.Free"/> when it stops.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseBuffer
{
    /// <summary>Bytes in the buffer.</summary>
    public nuint Size;

    /// <summary>enum fuse_buf_flags (0: memory buffer).</summary>
    public int Flags;

    /// <summary>The memory (malloc'd by libfuse).</summary>
    public void* Memory;

    /// <summary>A file descriptor when the flags say so (splice; not used here).</summary>
    public int FileDescriptor;

    /// <summary>File position for fd buffers.</summary>
    public long Position;
}
