using System.Runtime.InteropServices;

namespace ZeroFs.ObjectStore;

/// <summary>
/// The few libc calls the local-directory store needs and .NET does not expose: directory fsync,
/// rename-if-absent (renameat2 RENAME_NOREPLACE, falling back to link(2)), flock, and statx for a
/// file's identity. Linux only; every call reports failure through errno.
/// </summary>
internal static partial class LocalDirectoryNative
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int EMLINK = 31;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;

    private const int ORdOnly = 0;
    private const int ORdWr = 2;
    private const int OCreat = 0x40;
    private const int OCloExec = 0x80000;
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>fsyncs a directory so that a rename or link inside it survives a crash.</summary>
    public static void FsyncDirectory(string path)
    {
        var fd = Retry(() => open(path, ORdOnly | OCloExec, 0));
        if (fd < 0)
        {
            ThrowIO("open directory", path);
        }

        try
        {
            if (Retry(() => fsync(fd)) != 0)
            {
                ThrowIO("fsync directory", path);
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    /// <summary>
    /// Moves <paramref name="source"/> to <paramref name="target"/> only when the target does not
    /// exist, atomically with respect to every other process. Returns false when it exists.
    /// </summary>
    public static bool TryPublishNoReplace(string source, string target)
    {
        if (renameat2(AtFdCwd, source, AtFdCwd, target, RenameNoReplace) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST)
        {
            return false;
        }

        if (errno is not (EINVAL or ENOSYS or EOPNOTSUPP))
        {
            ThrowIO("renameat2(RENAME_NOREPLACE)", target, errno);
        }

        // The filesystem has no RENAME_NOREPLACE: link(2) also fails with EEXIST atomically.
        if (link(source, target) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno == EEXIST)
            {
                return false;
            }

            ThrowIO("link", target, errno);
        }

        _ = unlink(source);
        return true;
    }

    /// <summary>Opens (creating) a lock file and returns its descriptor.</summary>
    public static int OpenLockFile(string path)
    {
        var fd = Retry(() => open(path, ORdWr | OCreat | OCloExec, Convert.ToInt32("644", 8)));
        if (fd < 0)
        {
            ThrowIO("open lock file", path);
        }

        return fd;
    }

    /// <summary>Tries to take an exclusive flock without blocking.</summary>
    public static bool TryLockExclusive(int fd, string path)
    {
        if (Retry(() => flock(fd, LockEx | LockNb)) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == EAGAIN)
        {
            return false;
        }

        ThrowIO("flock", path, errno);
        return false;
    }

    /// <summary>Closes a descriptor (which also drops its flock).</summary>
    public static void Close(int fd) => _ = close(fd);

    /// <summary>The identity of the file at <paramref name="path"/>, or null when it does not exist.</summary>
    public static FileIdentity? StatPath(string path)
    {
        if (statx(AtFdCwd, path, 0, StatxBasicStats, out var buffer) == 0)
        {
            return buffer.IsRegularFile ? buffer.ToIdentity() : null;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is ENOENT or ENOTDIR)
        {
            return null;
        }

        ThrowIO("statx", path, errno);
        return null;
    }

    /// <summary>The identity of an open file.</summary>
    public static FileIdentity StatHandle(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            if (statx(fd, string.Empty, AtEmptyPath, StatxBasicStats, out var buffer) != 0)
            {
                ThrowIO("statx", path);
            }

            return buffer.ToIdentity();
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static int Retry(Func<int> call)
    {
        while (true)
        {
            var result = call();
            if (result >= 0 || Marshal.GetLastPInvokeError() != EINTR)
            {
                return result;
            }
        }
    }

    private static void ThrowIO(string what, string path) => ThrowIO(what, path, Marshal.GetLastPInvokeError());

    private static void ThrowIO(string what, string path, int errno) =>
        throw new IOException($"{what} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

#pragma warning disable SA1300, IDE1006 // libc names
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldPath, string newPath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlink(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);
#pragma warning restore SA1300, IDE1006

    /// <summary>struct statx (linux/stat.h): one fixed layout on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Ino;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(112)]
        public long MtimeSeconds;

        [FieldOffset(120)]
        public uint MtimeNanoseconds;

        [FieldOffset(136)]
        public uint DevMajor;

        [FieldOffset(140)]
        public uint DevMinor;

        public readonly bool IsRegularFile => (Mode & 0xF000) == 0x8000;

        public readonly FileIdentity ToIdentity() =>
            new(((ulong)DevMajor << 32) | DevMinor, Ino, (long)Size, (MtimeSeconds * 1_000_000_000) + MtimeNanoseconds);
    }
}
