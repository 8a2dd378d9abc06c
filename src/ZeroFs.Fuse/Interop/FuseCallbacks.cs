using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse.Interop;

/// <summary>
/// The native entry points libfuse calls, one per operation. Each copies what it needs out of the
/// kernel's request (names, write data, flags: all of it dies when the callback returns), starts the
/// operation on the <see cref="FuseFileSystem"/> named by the session's userdata and returns at once;
/// the operation replies later from whatever thread completes it. Nothing may throw across this
/// boundary, so a failure to even start answers EIO.
/// </summary>
internal static unsafe class FuseCallbacks
{
    /// <summary>The operations table handed to fuse_session_new (static: function pointers to static methods never move).</summary>
    public static FuseLowLevelOperations CreateOperations() => new()
    {
        Init = &Init,
        Destroy = &Destroy,
        Lookup = &Lookup,
        Forget = &Forget,
        Getattr = &Getattr,
        Setattr = &Setattr,
        Readlink = &Readlink,
        Mknod = &Mknod,
        Mkdir = &Mkdir,
        Unlink = &Unlink,
        Rmdir = &Rmdir,
        Symlink = &Symlink,
        Rename = &Rename,
        Link = &Link,
        Open = &Open,
        Read = &Read,
        Write = &Write,
        Flush = &Flush,
        Release = &Release,
        Fsync = &Fsync,
        Opendir = &Opendir,
        Readdir = &Readdir,
        Releasedir = &Releasedir,
        Fsyncdir = &Fsyncdir,
        Statfs = &Statfs,
        Setxattr = &Setxattr,
        Getxattr = &Getxattr,
        Listxattr = &Listxattr,
        Removexattr = &Removexattr,
        Access = &Access,
        Create = &Create,
        Getlk = &Getlk,
        Setlk = &Setlk,
        ForgetMulti = &ForgetMulti,
    };

    [UnmanagedCallersOnly]
    private static void Init(nint userData, FuseConnectionInfo* connection)
    {
        try
        {
            FromUserData(userData).Initialize(connection);
        }
        catch (Exception ex)
        {
            Environment.FailFast("FUSE init failed", ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Destroy(nint userData)
    {
        // Nothing to do: FuseMount tears down after the workers stop.
    }

    [UnmanagedCallersOnly]
    private static void Lookup(nint request, ulong parent, byte* name)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.LookupAsync(request, CallerOf(request), parent, CopyName(name)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Forget(nint request, ulong ino, ulong lookups)
    {
        try
        {
            FromRequest(request).Forget(ino, lookups);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A forget has no reply to carry an error; the inode simply stays known.
        }
        finally
        {
            LibFuse.ReplyNone(request);
        }
    }

    [UnmanagedCallersOnly]
    private static void ForgetMulti(nint request, nuint count, FuseForgetData* forgets)
    {
        try
        {
            var fileSystem = FromRequest(request);
            for (nuint i = 0; i < count; i++)
            {
                fileSystem.Forget(forgets[i].Ino, forgets[i].Lookups);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A forget has no reply to carry an error; the inode simply stays known.
        }
        finally
        {
            LibFuse.ReplyNone(request);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getattr(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.GetattrAsync(request, CallerOf(request), ino, file is null ? null : file->FileHandle));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setattr(nint request, ulong ino, NativeStat* attributes, int toSet, FuseFileInfo* file)
    {
        try
        {
            var change = new SetattrRequest(
                toSet, attributes->Mode, attributes->Uid, attributes->Gid, attributes->Size,
                attributes->AtimeSeconds, attributes->AtimeNanoseconds, attributes->MtimeSeconds, attributes->MtimeNanoseconds,
                file is null ? null : file->FileHandle);
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.SetattrAsync(request, CallerOf(request), ino, change));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Readlink(nint request, ulong ino)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.ReadlinkAsync(request, CallerOf(request), ino));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Mknod(nint request, ulong parent, byte* name, uint mode, ulong rdev)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.MknodAsync(request, CallerOf(request), parent, CopyName(name), mode, rdev));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Mkdir(nint request, ulong parent, byte* name, uint mode)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.MkdirAsync(request, CallerOf(request), parent, CopyName(name), mode));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Unlink(nint request, ulong parent, byte* name)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.UnlinkAsync(request, CallerOf(request), parent, CopyName(name), directory: false));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Rmdir(nint request, ulong parent, byte* name)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.UnlinkAsync(request, CallerOf(request), parent, CopyName(name), directory: true));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Symlink(nint request, byte* target, ulong parent, byte* name)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.SymlinkAsync(request, CallerOf(request), CopyName(target), parent, CopyName(name)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Rename(nint request, ulong parent, byte* name, ulong newParent, byte* newName, uint flags)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.RenameAsync(request, CallerOf(request), parent, CopyName(name), newParent, CopyName(newName), flags));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Link(nint request, ulong ino, ulong newParent, byte* newName)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.LinkAsync(request, CallerOf(request), ino, newParent, CopyName(newName)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Open(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.OpenAsync(request, CallerOf(request), ino, file->Flags));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Read(nint request, ulong ino, nuint size, long offset, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.ReadAsync(request, file->FileHandle, (int)Math.Min(size, int.MaxValue), offset));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Write(nint request, ulong ino, byte* buffer, nuint size, long offset, FuseFileInfo* file)
    {
        try
        {
            // The kernel's buffer is reused once we return: one copy into a pooled array, returned after the reply.
            var length = (int)size;
            var data = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            new ReadOnlySpan<byte>(buffer, length).CopyTo(data);
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.WriteAsync(request, file->FileHandle, data, length, offset));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Flush(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.FlushAsync(request, file->FileHandle, file->LockOwner));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Release(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.ReleaseAsync(request, file->FileHandle));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Fsync(nint request, ulong ino, int dataOnly, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.FsyncAsync(request, file->FileHandle, dataOnly != 0));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Opendir(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.OpendirAsync(request, CallerOf(request), ino, file->Flags));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Readdir(nint request, ulong ino, nuint size, long offset, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.ReaddirAsync(request, file->FileHandle, (int)Math.Min(size, 1024 * 1024), offset));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Releasedir(nint request, ulong ino, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.ReleasedirAsync(request, file->FileHandle));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Fsyncdir(nint request, ulong ino, int dataOnly, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.FsyncdirAsync(request, file->FileHandle, dataOnly != 0));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Statfs(nint request, ulong ino)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.StatfsAsync(request, CallerOf(request), ino));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setxattr(nint request, ulong ino, byte* name, byte* value, nuint size, int flags)
    {
        try
        {
            var copy = new ReadOnlySpan<byte>(value, (int)size).ToArray();
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.SetXattrAsync(request, CallerOf(request), ino, CopyName(name), copy, (uint)flags));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getxattr(nint request, ulong ino, byte* name, nuint size)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.GetXattrAsync(request, CallerOf(request), ino, CopyName(name), (int)Math.Min(size, int.MaxValue)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Listxattr(nint request, ulong ino, nuint size)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.GetXattrAsync(request, CallerOf(request), ino, [], (int)Math.Min(size, int.MaxValue)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Removexattr(nint request, ulong ino, byte* name)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.SetXattrAsync(request, CallerOf(request), ino, CopyName(name), null, 0));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Access(nint request, ulong ino, int mask)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.AccessAsync(request, CallerOf(request), ino, mask));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Create(nint request, ulong parent, byte* name, uint mode, FuseFileInfo* file)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.CreateAsync(request, CallerOf(request), parent, CopyName(name), mode, file->Flags));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Getlk(nint request, ulong ino, FuseFileInfo* file, NativeFlock* flock)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.GetlkAsync(request, file->FileHandle, file->LockOwner, ToLockRequest(flock)));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    [UnmanagedCallersOnly]
    private static void Setlk(nint request, ulong ino, FuseFileInfo* file, NativeFlock* flock, int sleep)
    {
        try
        {
            var fileSystem = FromRequest(request);
            fileSystem.Track(fileSystem.SetlkAsync(request, file->FileHandle, file->LockOwner, ToLockRequest(flock), sleep != 0));
        }
        catch (Exception ex)
        {
            Fail(request, ex);
        }
    }

    private static LockRequest ToLockRequest(NativeFlock* flock)
    {
        var type = flock->Type switch
        {
            NativeFlock.ReadLock => LockType.Read,
            NativeFlock.WriteLock => LockType.Write,
            _ => LockType.Unlock,
        };
        return new LockRequest(type, (ulong)Math.Max(flock->Start, 0), (ulong)Math.Max(flock->Length, 0), (uint)Math.Max(flock->Pid, 0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FuseFileSystem FromRequest(nint request) => FromUserData(LibFuse.RequestUserData(request));

    private static FuseFileSystem FromUserData(nint userData) => (FuseFileSystem)GCHandle.FromIntPtr(userData).Target!;

    private static Caller CallerOf(nint request)
    {
        var context = LibFuse.RequestContext(request);
        return new Caller(context->Uid, context->Gid, context->Pid);
    }

    private static byte[] CopyName(byte* name) => MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name).ToArray();

    private static void Fail(nint request, Exception exception)
    {
        _ = exception;
        LibFuse.ReplyError(request, Errors.EIO);
    }
}
