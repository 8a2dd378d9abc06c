using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// The functions of libfuse3's low-level API that the client uses (<c>fuse_lowlevel.h</c>, libfuse
/// 3.x; Debian package <c>libfuse3-3</c>). Every <c>fuse_reply_*</c> function is thread-safe and may
/// be called from any thread once per request; a request pointer is dead after its reply.
/// </summary>
internal static unsafe partial class LibFuse
{
    /// <summary>The shared object as Debian installs it.</summary>
    public const string Library = "libfuse3.so.3";

    /// <summary>The inode number of the mount's root (FUSE_ROOT_ID).</summary>
    public const ulong RootId = 1;

    /// <summary><c>fuse_session_new(args, ops, sizeof ops, userdata)</c>: parses the options in <paramref name="args"/>; null on error (printed on stderr).</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_new")]
    public static partial nint SessionNew(FuseArguments* args, FuseLowLevelOperations* operations, nuint operationsSize, nint userData);

    /// <summary><c>fuse_session_mount</c>: mounts directly (root) or through fusermount3; 0 on success.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_mount")]
    public static partial int SessionMount(nint session, byte* mountPoint);

    /// <summary><c>fuse_session_receive_buf</c>: blocks for the next request; bytes read, or a negative errno.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_receive_buf")]
    public static partial int SessionReceiveBuffer(nint session, FuseBuffer* buffer);

    /// <summary><c>fuse_session_process_buf</c>: decodes one request and calls the matching operation.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_process_buf")]
    public static partial void SessionProcessBuffer(nint session, FuseBuffer* buffer);

    /// <summary><c>fuse_session_exit</c>: flags the session as finished.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_exit")]
    public static partial void SessionExit(nint session);

    /// <summary><c>fuse_session_exited</c>: nonzero once the session is finished.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_exited")]
    public static partial int SessionExited(nint session);

    /// <summary><c>fuse_session_unmount</c>: closes /dev/fuse and unmounts unless that already happened.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_unmount")]
    public static partial void SessionUnmount(nint session);

    /// <summary><c>fuse_session_destroy</c>: calls the destroy operation and frees the session.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_session_destroy")]
    public static partial void SessionDestroy(nint session);

    /// <summary><c>fuse_req_userdata</c>: the userdata given to fuse_session_new.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_req_userdata")]
    public static partial nint RequestUserData(nint request);

    /// <summary><c>fuse_req_ctx</c>: the caller's uid, gid, pid and umask.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_req_ctx")]
    public static partial FuseContext* RequestContext(nint request);

    /// <summary><c>fuse_req_getgroups</c>: the caller's supplementary groups (from /proc); count, or a negative errno.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_req_getgroups")]
    public static partial int RequestGetGroups(nint request, int size, uint* groups);

    /// <summary><c>fuse_req_interrupted</c>: nonzero once the kernel has asked to interrupt the request.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_req_interrupted")]
    public static partial int RequestInterrupted(nint request);

    /// <summary><c>fuse_reply_err</c>: a positive errno, or 0 for success without data.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_err")]
    public static partial int ReplyError(nint request, int errno);

    /// <summary><c>fuse_reply_none</c>: ends a forget.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_none")]
    public static partial void ReplyNone(nint request);

    /// <summary><c>fuse_reply_entry</c>: answers lookup, mknod, mkdir, symlink, link.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_entry")]
    public static partial int ReplyEntry(nint request, FuseEntryParameters* entry);

    /// <summary><c>fuse_reply_create</c>: answers create with the entry and the open file.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_create")]
    public static partial int ReplyCreate(nint request, FuseEntryParameters* entry, FuseFileInfo* file);

    /// <summary><c>fuse_reply_attr</c>: answers getattr and setattr.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_attr")]
    public static partial int ReplyAttributes(nint request, NativeStat* attributes, double attributeTimeout);

    /// <summary><c>fuse_reply_readlink</c>: a NUL-terminated target.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_readlink")]
    public static partial int ReplyReadlink(nint request, byte* target);

    /// <summary><c>fuse_reply_open</c>: answers open and opendir.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_open")]
    public static partial int ReplyOpen(nint request, FuseFileInfo* file);

    /// <summary><c>fuse_reply_write</c>: bytes written.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_write")]
    public static partial int ReplyWrite(nint request, nuint count);

    /// <summary><c>fuse_reply_buf</c>: answers read, readdir, getxattr and listxattr with data (copied before it returns).</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_buf")]
    public static partial int ReplyBuffer(nint request, byte* buffer, nuint size);

    /// <summary><c>fuse_reply_statfs</c>.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_statfs")]
    public static partial int ReplyStatfs(nint request, NativeStatvfs* statistics);

    /// <summary><c>fuse_reply_xattr</c>: the size a getxattr or listxattr with size 0 asked for.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_xattr")]
    public static partial int ReplyXattrSize(nint request, nuint count);

    /// <summary><c>fuse_reply_lock</c>: answers getlk.</summary>
    [LibraryImport(Library, EntryPoint = "fuse_reply_lock")]
    public static partial int ReplyLock(nint request, NativeFlock* flock);

    /// <summary>
    /// <c>fuse_add_direntry</c>: encodes one readdir entry into <paramref name="buffer"/> and returns its
    /// size; when that exceeds <paramref name="size"/> nothing is written. Only st_ino and the type bits
    /// of st_mode are used; <paramref name="offset"/> is the cookie of the next entry.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "fuse_add_direntry")]
    public static partial nuint AddDirectoryEntry(nint request, byte* buffer, nuint size, byte* name, NativeStat* attributes, long offset);
}
