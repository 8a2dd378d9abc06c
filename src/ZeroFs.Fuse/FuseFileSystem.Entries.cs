using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>Names: lookup, forget, mkdir, mknod, symlink, link, unlink, rmdir, rename.</summary>
internal sealed partial class FuseFileSystem
{
    /// <summary>Set once the server answered Tunlinkat or Trenameat with EOPNOTSUPP: use Tremove and Trename from then on.</summary>
    private volatile bool _legacyNames;

    public async Task LookupAsync(nint request, Caller caller, ulong parentIno, byte[] name)
    {
        try
        {
            var parent = GetInode(parentIno);
            var (inode, attributes) = await CallAsync("lookup", replayable: true, (parent, name, caller.Uid),
                (session, s) => LookupCoreAsync(session, s.parent, s.name, s.Uid)).ConfigureAwait(false);
            ReplyEntry(request, inode, attributes);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "lookup");
        }
    }

    /// <summary>Lowers the lookup count; at zero the inode's fids are clunked and its number retired.</summary>
    public void Forget(ulong ino, ulong count)
    {
        if (_inodes.TryGet(ino, out var inode) && _inodes.Forget(inode, count))
        {
            var session = _connection.Current;
            if (!session.IsClosed)
            {
                foreach (var fid in inode.TakeFids(session.Generation))
                {
                    DropFid(session, fid);
                }
            }
        }
    }

    public async Task MkdirAsync(nint request, Caller caller, ulong parentIno, byte[] name, uint mode)
    {
        try
        {
            var parent = GetInode(parentIno);
            await CallAsync("mkdir", replayable: false, (this, parent, name, mode, caller), static async (session, s) =>
            {
                var directoryFid = await s.Item1.GetFidAsync(session, s.parent, s.caller.Uid).ConfigureAwait(false);
                return await session.Client.MkdirAsync(directoryFid, s.name, s.mode, s.caller.Gid).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await ReplyNewEntryAsync(request, caller, parent, name).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "mkdir");
        }
    }

    public async Task MknodAsync(nint request, Caller caller, ulong parentIno, byte[] name, uint mode, ulong rdev)
    {
        try
        {
            var parent = GetInode(parentIno);
            await CallAsync("mknod", replayable: false, (this, parent, name, mode, rdev, caller), static async (session, s) =>
            {
                var directoryFid = await s.Item1.GetFidAsync(session, s.parent, s.caller.Uid).ConfigureAwait(false);

                // glibc's dev_t encoding (the kernel's 32-bit one is its low half).
                var major = (uint)(((s.rdev >> 8) & 0xfff) | ((s.rdev >> 32) & ~0xfffUL));
                var minor = (uint)((s.rdev & 0xff) | ((s.rdev >> 12) & ~0xffUL));
                return await session.Client.MknodAsync(directoryFid, s.name, s.mode, major, minor, s.caller.Gid).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await ReplyNewEntryAsync(request, caller, parent, name).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "mknod");
        }
    }

    public async Task SymlinkAsync(nint request, Caller caller, byte[] target, ulong parentIno, byte[] name)
    {
        try
        {
            var parent = GetInode(parentIno);
            await CallAsync("symlink", replayable: false, (this, parent, name, target, caller), static async (session, s) =>
            {
                var directoryFid = await s.Item1.GetFidAsync(session, s.parent, s.caller.Uid).ConfigureAwait(false);
                return await session.Client.SymlinkAsync(directoryFid, s.name, s.target, s.caller.Gid).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await ReplyNewEntryAsync(request, caller, parent, name).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "symlink");
        }
    }

    public async Task LinkAsync(nint request, Caller caller, ulong ino, ulong newParentIno, byte[] newName)
    {
        try
        {
            var inode = GetInode(ino);
            var newParent = GetInode(newParentIno);
            await CallAsync("link", replayable: false, (this, inode, newParent, newName, caller.Uid), static async (session, s) =>
            {
                var fid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                var directoryFid = await s.Item1.GetFidAsync(session, s.newParent, s.Uid).ConfigureAwait(false);
                await session.Client.LinkAsync(directoryFid, fid, s.newName).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            await ReplyNewEntryAsync(request, caller, newParent, newName).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "link");
        }
    }

    public async Task UnlinkAsync(nint request, Caller caller, ulong parentIno, byte[] name, bool directory)
    {
        try
        {
            var parent = GetInode(parentIno);
            await CallAsync(directory ? "rmdir" : "unlink", replayable: false, (this, parent, name, directory, caller.Uid), static async (session, s) =>
            {
                var directoryFid = await s.Item1.GetFidAsync(session, s.parent, s.Uid).ConfigureAwait(false);
                if (!s.Item1._legacyNames)
                {
                    try
                    {
                        var flags = s.directory ? UnlinkatFlags.RemoveDirectory : UnlinkatFlags.None;
                        await session.Client.UnlinkatAsync(directoryFid, s.name, flags).ConfigureAwait(false);
                        return true;
                    }
                    catch (NinePException ex) when (ex.Errno == P9Errno.EOPNOTSUPP)
                    {
                        s.Item1._legacyNames = true;
                    }
                }

                // Servers without Tunlinkat (diod): walk to the entry and Tremove it, as Linux v9fs does.
                var walk = await session.Client.WalkAsync(directoryFid, [s.name]).ConfigureAwait(false);
                if (!walk.IsComplete)
                {
                    throw new FuseErrnoException(Errors.ENOENT, "no such entry");
                }

                await session.Client.RemoveAsync(walk.Fid).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            _inodes.Removed(parent, name);
            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, directory ? "rmdir" : "unlink");
        }
    }

    /// <summary>
    /// rename(2) and renameat2(2). Trenameat has no flags, so RENAME_NOREPLACE, RENAME_EXCHANGE and
    /// RENAME_WHITEOUT cannot be expressed atomically and are refused with EINVAL (callers such as
    /// <c>mv</c> then fall back to a plain rename).
    /// </summary>
    public async Task RenameAsync(nint request, Caller caller, ulong parentIno, byte[] name, ulong newParentIno, byte[] newName, uint flags)
    {
        try
        {
            if (flags != 0)
            {
                throw new FuseErrnoException(Errors.EINVAL, "9P2000.L cannot express rename flags");
            }

            var parent = GetInode(parentIno);
            var newParent = GetInode(newParentIno);
            await CallAsync("rename", replayable: false, (this, parent, name, newParent, newName, caller.Uid), static async (session, s) =>
            {
                var from = await s.Item1.GetFidAsync(session, s.parent, s.Uid).ConfigureAwait(false);
                var to = await s.Item1.GetFidAsync(session, s.newParent, s.Uid).ConfigureAwait(false);
                if (!s.Item1._legacyNames)
                {
                    try
                    {
                        await session.Client.RenameatAsync(from, s.name, to, s.newName).ConfigureAwait(false);
                        return true;
                    }
                    catch (NinePException ex) when (ex.Errno == P9Errno.EOPNOTSUPP)
                    {
                        s.Item1._legacyNames = true;
                    }
                }

                // Servers without Trenameat (diod): Trename of a fid walked to the source, as Linux v9fs does.
                var walk = await session.Client.WalkAsync(from, [s.name]).ConfigureAwait(false);
                if (!walk.IsComplete)
                {
                    throw new FuseErrnoException(Errors.ENOENT, "no such entry");
                }

                try
                {
                    await session.Client.RenameAsync(walk.Fid, to, s.newName).ConfigureAwait(false);
                }
                finally
                {
                    DropFid(session, walk.Fid);
                }

                return true;
            }).ConfigureAwait(false);
            var moved = _inodes.Renamed(parent, name, newParent, newName);
            DropCachedFids(moved);
            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "rename");
        }
    }

    /// <summary>
    /// After a rename, fids of the moved file are walked again from its new path the next time they are
    /// needed: servers whose fids remember paths (diod) would otherwise act on the old name. A moved
    /// directory moves everything below it, so then every cached fid goes.
    /// </summary>
    private void DropCachedFids(Inodes.Inode? moved)
    {
        var session = _connection.Current;
        if (moved is null || session.IsClosed)
        {
            return;
        }

        foreach (var inode in moved.IsDirectory ? _inodes.All : [moved])
        {
            foreach (var fid in inode.TakeFids(session.Generation))
            {
                DropFid(session, fid);
            }
        }
    }

    /// <summary>After a create-like request succeeded: looks the new name up (replayable) and answers the entry.</summary>
    private async Task ReplyNewEntryAsync(nint request, Caller caller, Inodes.Inode parent, byte[] name)
    {
        var (inode, attributes) = await CallAsync("lookup", replayable: true, (parent, name, caller.Uid),
            (session, s) => LookupCoreAsync(session, s.parent, s.name, s.Uid)).ConfigureAwait(false);
        ReplyEntry(request, inode, attributes);
    }
}
