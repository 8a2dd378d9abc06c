using System.Runtime.InteropServices;

namespace ZeroFs.Hosting.Serving;

/// <summary>Tells a socket file from any other kind of file; .NET exposes permissions but not the file type.</summary>
internal static partial class UnixSocketFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 0x1C; // struct statx: stx_mode (u16), the same on every architecture
    private const int TypeMask = 0xF000;
    private const int SocketType = 0xC000;

    /// <summary>True when <paramref name="path"/> itself (not a symlink's target) is a Unix socket.</summary>
    public static unsafe bool IsSocket(string path)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return false;
        }

        var mode = *(ushort*)(buffer + ModeOffset);
        return (mode & TypeMask) == SocketType;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
