using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using FileAttributes = ZeroFs.NineP.Client.FileAttributes;

namespace ZeroFs.Fuse;

/// <summary>Attributes: getattr, setattr, readlink, statfs, access.</summary>
internal sealed partial class FuseFileSystem
{
    /// <summary>getattr; an fstat comes with the open file (<paramref name="fileHandle"/>), whose fid still names an unlinked or replaced file.</summary>
    public async Task GetattrAsync(nint request, Caller caller, ulong ino, ulong? fileHandle)
    {
        try
        {
            var inode = GetInode(ino);
            var handle = fileHandle is { } id && _handles.TryGetValue(id, out var open) ? open : null;
            var attributes = await CallAsync("getattr", replayable: true, (this, inode, handle, caller.Uid), static async (session, s) =>
            {
                var fid = s.handle is not null
                    ? await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false)
                    : await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                return await session.Client.GetattrAsync(fid, GetattrMask.Basic).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyAttributes(request, attributes);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "getattr");
        }
    }

    /// <summary>
    /// chmod, chown, truncate and utimensat. UTIME_NOW becomes P9_ATTR_ATIME without ATIME_SET (the
    /// server's clock), an explicit time sets ATIME_SET too, and UTIME_OMIT never reaches us. A
    /// truncate through an open file (ftruncate) uses that file's fid.
    /// </summary>
    /// <remarks>
    /// The kernel clears setuid/setgid bits before a write or truncate by someone else with a mode
    /// change sent as the writer; the server allows anyone that change (it only drops those bits).
    /// With the writeback cache the kernel keeps mtime and ctime itself and sends them as explicit
    /// values (with FATTR_CTIME, which no system call sets) after writes, truncates and touches; only
    /// the owner may set explicit times, and the kernel has already refused a non-owner's explicit
    /// utimensat, so for anyone else those times become the server's "now", which a writer may set.
    /// </remarks>
    public async Task SetattrAsync(nint request, Caller caller, ulong ino, SetattrRequest change)
    {
        try
        {
            var inode = GetInode(ino);
            var handle = change.FileHandle is { } id && _handles.TryGetValue(id, out var open) && !open.IsDirectory ? open : null;
            var attributes = await CallAsync("setattr", replayable: true, (this, inode, handle, change, caller.Uid), static async (session, s) =>
            {
                var fid = s.handle is not null
                    ? await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false)
                    : await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                var c = s.change;
                var valid = SetattrMask.None;
                var kernelTimes = (c.ToSet & SetattrRequest.SetCtime) != 0 && (c.ToSet & (SetattrRequest.SetAtime | SetattrRequest.SetMtime)) != 0
                    && s.Uid != 0 && s.Item1._options.KernelPermissionChecks
                    && (await session.Client.GetattrAsync(fid, GetattrMask.Basic).ConfigureAwait(false)).Uid != s.Uid;
                if (kernelTimes)
                {
                    c = c with
                    {
                        ToSet = c.ToSet | ((c.ToSet & SetattrRequest.SetAtime) != 0 ? SetattrRequest.SetAtimeNow : 0)
                            | ((c.ToSet & SetattrRequest.SetMtime) != 0 ? SetattrRequest.SetMtimeNow : 0),
                    };
                }

                if ((c.ToSet & SetattrRequest.SetMode) != 0)
                {
                    valid |= SetattrMask.Mode;
                }

                if ((c.ToSet & SetattrRequest.SetUid) != 0)
                {
                    valid |= SetattrMask.Uid;
                }

                if ((c.ToSet & SetattrRequest.SetGid) != 0)
                {
                    valid |= SetattrMask.Gid;
                }

                if ((c.ToSet & SetattrRequest.SetSize) != 0)
                {
                    valid |= SetattrMask.Size;
                }

                if ((c.ToSet & SetattrRequest.SetAtimeNow) != 0)
                {
                    valid |= SetattrMask.Atime;
                }
                else if ((c.ToSet & SetattrRequest.SetAtime) != 0)
                {
                    valid |= SetattrMask.Atime | SetattrMask.AtimeSet;
                }

                if ((c.ToSet & SetattrRequest.SetMtimeNow) != 0)
                {
                    valid |= SetattrMask.Mtime;
                }
                else if ((c.ToSet & SetattrRequest.SetMtime) != 0)
                {
                    valid |= SetattrMask.Mtime | SetattrMask.MtimeSet;
                }

                if ((c.ToSet & SetattrRequest.SetCtime) != 0)
                {
                    valid |= SetattrMask.Ctime;
                }

                if (valid != SetattrMask.None)
                {
                    var message = new Tsetattr(
                        fid, valid, c.Mode & 0xfff, c.Uid, c.Gid, (ulong)c.Size,
                        (ulong)c.AtimeSeconds, (ulong)c.AtimeNanoseconds, (ulong)c.MtimeSeconds, (ulong)c.MtimeNanoseconds);
                    await session.Client.SetattrAsync(message).ConfigureAwait(false);
                }

                return await session.Client.GetattrAsync(fid, GetattrMask.Basic).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyAttributes(request, attributes);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "setattr");
        }
    }

    public async Task ReadlinkAsync(nint request, Caller caller, ulong ino)
    {
        try
        {
            var inode = GetInode(ino);
            var target = await CallAsync("readlink", replayable: true, (this, inode, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                return await session.Client.ReadlinkAsync(fid).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyReadlink(request, target);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "readlink");
        }
    }

    public async Task StatfsAsync(nint request, Caller caller, ulong ino)
    {
        try
        {
            var inode = _inodes.TryGet(ino, out var known) ? known : _inodes.Root;
            var statistics = await CallAsync("statfs", replayable: true, (this, inode, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                return await session.Client.StatfsAsync(fid).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyStatfs(request, statistics);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "statfs");
        }
    }

    /// <summary>
    /// access(2): 9P has no access request, so the mode bits are checked here against the caller's uid,
    /// gid and supplementary groups (root may read and write anything, and execute what has an x bit).
    /// The server still checks every real operation.
    /// </summary>
    public async Task AccessAsync(nint request, Caller caller, ulong ino, int mask)
    {
        try
        {
            var inode = GetInode(ino);
            var attributes = await CallAsync("access", replayable: true, (this, inode, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                return await session.Client.GetattrAsync(fid, GetattrMask.Basic).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var wanted = (uint)(mask & 7);
            var allowed = AllowedBits(request, caller, attributes);
            LibFuse.ReplyError(request, (wanted & ~allowed) == 0 ? 0 : Errors.EACCES);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "access");
        }
    }

    private static uint AllowedBits(nint request, Caller caller, FileAttributes attributes)
    {
        var mode = attributes.Mode;
        if (caller.Uid == 0)
        {
            var isDirectory = (mode & 0xf000) == 0x4000;
            return 6u | (isDirectory || (mode & 0x49) != 0 ? 1u : 0u);
        }

        if (caller.Uid == attributes.Uid)
        {
            return (mode >> 6) & 7;
        }

        if (caller.Gid == attributes.Gid || IsInGroup(request, attributes.Gid))
        {
            return (mode >> 3) & 7;
        }

        return mode & 7;
    }

    private static unsafe bool IsInGroup(nint request, uint gid)
    {
        const int Max = 256;
        var groups = stackalloc uint[Max];
        var count = LibFuse.RequestGetGroups(request, Max, groups);
        for (var i = 0; i < Math.Min(count, Max); i++)
        {
            if (groups[i] == gid)
            {
                return true;
            }
        }

        return false;
    }

    private static unsafe void ReplyReadlink(nint request, byte[] target)
    {
        var terminated = new byte[target.Length + 1];
        target.CopyTo(terminated, 0);
        fixed (byte* pointer = terminated)
        {
            LibFuse.ReplyReadlink(request, pointer);
        }
    }

    private static unsafe void ReplyStatfs(nint request, FileSystemStatistics statistics)
    {
        var native = new NativeStatvfs
        {
            BlockSize = statistics.BlockSize,
            FragmentSize = statistics.BlockSize,
            Blocks = statistics.Blocks,
            FreeBlocks = statistics.FreeBlocks,
            AvailableBlocks = statistics.AvailableBlocks,
            Files = statistics.Files,
            FreeFiles = statistics.FreeFiles,
            AvailableFiles = statistics.FreeFiles,
            FileSystemId = statistics.FileSystemId,
            MaxNameLength = statistics.MaxNameLength,
        };
        LibFuse.ReplyStatfs(request, &native);
    }
}
