using System.Runtime.InteropServices;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// <c>struct fuse_lowlevel_ops</c> of libfuse 3.14: one function pointer per operation, in header
/// order. A null pointer means "not implemented" (the kernel gets ENOSYS, or libfuse's default).
/// The signatures are in the comments; <c>fuse_req_t</c> is a pointer, <c>fuse_ino_t</c> is
/// <c>uint64_t</c>, <c>off_t</c> is 64-bit, <c>mode_t</c> 32-bit, <c>dev_t</c> 64-bit.
/// libfuse copies the struct in fuse_session_new, passing its size, so fields past the end of an
/// older libfuse's struct are simply not seen.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseLowLevelOperations
{
    /// <summary>init(void *userdata, struct fuse_conn_info *conn).</summary>
    public delegate* unmanaged<nint, FuseConnectionInfo*, void> Init;

    /// <summary>destroy(void *userdata).</summary>
    public delegate* unmanaged<nint, void> Destroy;

    /// <summary>lookup(req, parent, name).</summary>
    public delegate* unmanaged<nint, ulong, byte*, void> Lookup;

    /// <summary>forget(req, ino, nlookup).</summary>
    public delegate* unmanaged<nint, ulong, ulong, void> Forget;

    /// <summary>getattr(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Getattr;

    /// <summary>setattr(req, ino, struct stat *attr, int to_set, fi).</summary>
    public delegate* unmanaged<nint, ulong, NativeStat*, int, FuseFileInfo*, void> Setattr;

    /// <summary>readlink(req, ino).</summary>
    public delegate* unmanaged<nint, ulong, void> Readlink;

    /// <summary>mknod(req, parent, name, mode, rdev).</summary>
    public delegate* unmanaged<nint, ulong, byte*, uint, ulong, void> Mknod;

    /// <summary>mkdir(req, parent, name, mode).</summary>
    public delegate* unmanaged<nint, ulong, byte*, uint, void> Mkdir;

    /// <summary>unlink(req, parent, name).</summary>
    public delegate* unmanaged<nint, ulong, byte*, void> Unlink;

    /// <summary>rmdir(req, parent, name).</summary>
    public delegate* unmanaged<nint, ulong, byte*, void> Rmdir;

    /// <summary>symlink(req, link, parent, name).</summary>
    public delegate* unmanaged<nint, byte*, ulong, byte*, void> Symlink;

    /// <summary>rename(req, parent, name, newparent, newname, flags).</summary>
    public delegate* unmanaged<nint, ulong, byte*, ulong, byte*, uint, void> Rename;

    /// <summary>link(req, ino, newparent, newname).</summary>
    public delegate* unmanaged<nint, ulong, ulong, byte*, void> Link;

    /// <summary>open(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Open;

    /// <summary>read(req, ino, size, off, fi).</summary>
    public delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void> Read;

    /// <summary>write(req, ino, buf, size, off, fi).</summary>
    public delegate* unmanaged<nint, ulong, byte*, nuint, long, FuseFileInfo*, void> Write;

    /// <summary>flush(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Flush;

    /// <summary>release(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Release;

    /// <summary>fsync(req, ino, datasync, fi).</summary>
    public delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void> Fsync;

    /// <summary>opendir(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Opendir;

    /// <summary>readdir(req, ino, size, off, fi).</summary>
    public delegate* unmanaged<nint, ulong, nuint, long, FuseFileInfo*, void> Readdir;

    /// <summary>releasedir(req, ino, fi).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, void> Releasedir;

    /// <summary>fsyncdir(req, ino, datasync, fi).</summary>
    public delegate* unmanaged<nint, ulong, int, FuseFileInfo*, void> Fsyncdir;

    /// <summary>statfs(req, ino).</summary>
    public delegate* unmanaged<nint, ulong, void> Statfs;

    /// <summary>setxattr(req, ino, name, value, size, flags).</summary>
    public delegate* unmanaged<nint, ulong, byte*, byte*, nuint, int, void> Setxattr;

    /// <summary>getxattr(req, ino, name, size).</summary>
    public delegate* unmanaged<nint, ulong, byte*, nuint, void> Getxattr;

    /// <summary>listxattr(req, ino, size).</summary>
    public delegate* unmanaged<nint, ulong, nuint, void> Listxattr;

    /// <summary>removexattr(req, ino, name).</summary>
    public delegate* unmanaged<nint, ulong, byte*, void> Removexattr;

    /// <summary>access(req, ino, mask).</summary>
    public delegate* unmanaged<nint, ulong, int, void> Access;

    /// <summary>create(req, parent, name, mode, fi).</summary>
    public delegate* unmanaged<nint, ulong, byte*, uint, FuseFileInfo*, void> Create;

    /// <summary>getlk(req, ino, fi, struct flock *lock).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, NativeFlock*, void> Getlk;

    /// <summary>setlk(req, ino, fi, struct flock *lock, int sleep).</summary>
    public delegate* unmanaged<nint, ulong, FuseFileInfo*, NativeFlock*, int, void> Setlk;

    /// <summary>bmap (block devices only; unused).</summary>
    public nint Bmap;

    /// <summary>ioctl (unused).</summary>
    public nint Ioctl;

    /// <summary>poll (unused).</summary>
    public nint Poll;

    /// <summary>write_buf (unused: write gets a plain buffer).</summary>
    public nint WriteBuffer;

    /// <summary>retrieve_reply (unused).</summary>
    public nint RetrieveReply;

    /// <summary>forget_multi(req, count, struct fuse_forget_data *forgets).</summary>
    public delegate* unmanaged<nint, nuint, FuseForgetData*, void> ForgetMulti;

    /// <summary>flock (unused: the kernel then emulates flock locally).</summary>
    public nint Flock;

    /// <summary>fallocate (unused: 9P2000.L has no fallocate).</summary>
    public nint Fallocate;

    /// <summary>readdirplus (unused: plain readdir plus lookups).</summary>
    public nint Readdirplus;

    /// <summary>copy_file_range (unused: the kernel falls back to read + write).</summary>
    public nint CopyFileRange;

    /// <summary>lseek (unused).</summary>
    public nint Lseek;
}
