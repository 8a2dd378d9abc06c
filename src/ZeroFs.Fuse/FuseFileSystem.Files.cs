using System.Buffers;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using FileAttributes = ZeroFs.NineP.Client.FileAttributes;

namespace ZeroFs.Fuse;

/// <summary>Files: open, create, read, write, flush, release, fsync.</summary>
internal sealed partial class FuseFileSystem
{
    /// <summary>
    /// open(2) flags that reach Tlopen. O_CREAT, O_EXCL, O_NOCTTY and O_CLOEXEC are the kernel's business,
    /// and O_DIRECT only bypasses this host's page cache (fi->direct_io): the server's caching is its own,
    /// and its alignment rules would turn our arbitrary buffers into EINVAL.
    /// </summary>
    private const OpenFlags PassedFlags = OpenFlags.AccessModeMask | OpenFlags.Truncate | OpenFlags.Append | OpenFlags.NonBlocking
        | OpenFlags.DataSync | OpenFlags.LargeFile | OpenFlags.Directory | OpenFlags.NoFollow | OpenFlags.NoAtime | OpenFlags.Sync;

    public async Task OpenAsync(nint request, Caller caller, ulong ino, int flags)
    {
        try
        {
            var inode = GetInode(ino);
            var openFlags = ToOpenFlags(flags);
            var wanted = (OpenFlags)(uint)flags & PassedFlags & ~(_options.WritebackCache ? OpenFlags.Append : 0);
            var handle = await CallAsync("open", replayable: true, (this, inode, openFlags, wanted, caller.Uid), static async (session, s) =>
            {
                var nodeFid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                var clone = await session.Client.WalkAsync(nodeFid, []).ConfigureAwait(false);
                var openFlags = s.openFlags;
                try
                {
                    try
                    {
                        await session.Client.LopenAsync(clone.Fid, openFlags).ConfigureAwait(false);
                    }
                    catch (NinePException ex) when (ex.Errno == Errors.EACCES && s.wanted != openFlags)
                    {
                        // A write-only open widened for the writeback cache, of a file the caller may not
                        // read: open it as asked; only page reads around partial writes will fail then.
                        openFlags = s.wanted;
                        await session.Client.LopenAsync(clone.Fid, openFlags).ConfigureAwait(false);
                    }
                }
                catch
                {
                    DropFid(session, clone.Fid);
                    throw;
                }

                return s.Item1.AddHandle(s.inode, s.Uid, openFlags & ~OpenFlags.Truncate, isDirectory: false, clone.Fid, session.Generation);
            }).ConfigureAwait(false);
            ReplyOpen(request, handle.Id, flags);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "open");
        }
    }

    /// <summary>
    /// open(O_CREAT): Tlcreate on a clone of the directory fid (which becomes the open file), then Tgetattr
    /// on that open fid for the entry: three round trips. The new inode gets no walked fid of its own until
    /// something needs one. If the connection drops after the create, the entry comes from a lookup by name
    /// on the next connection instead (the create itself is not replayed).
    /// </summary>
    public async Task CreateAsync(nint request, Caller caller, ulong parentIno, byte[] name, uint mode, int flags)
    {
        try
        {
            var parent = GetInode(parentIno);
            var openFlags = ToOpenFlags(flags) | ((OpenFlags)(uint)flags & (OpenFlags.Create | OpenFlags.Exclusive));
            var (fid, generation, attributes) = await CallAsync("create", replayable: false, (this, parent, name, mode, openFlags, caller), static async (session, s) =>
            {
                var directoryFid = await s.Item1.GetFidAsync(session, s.parent, s.caller.Uid).ConfigureAwait(false);
                var clone = await session.Client.WalkAsync(directoryFid, []).ConfigureAwait(false);
                try
                {
                    await session.Client.LcreateAsync(clone.Fid, s.name, s.openFlags, s.mode, s.caller.Gid).ConfigureAwait(false);
                }
                catch
                {
                    DropFid(session, clone.Fid);
                    throw;
                }

                FileAttributes? attributes = null;
                try
                {
                    attributes = await session.Client.GetattrAsync(clone.Fid, GetattrMask.Basic).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NinePConnectionClosedException or NinePException)
                {
                    // The file exists; its entry is looked up by name below.
                }

                return (Fid: clone.Fid, Generation: session.Generation, Attributes: attributes);
            }).ConfigureAwait(false);

            var reopen = openFlags & ~(OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.Truncate);
            Inodes.Inode inode;
            if (attributes is not null)
            {
                inode = _inodes.AddLookup(parent, name, attributes.Qid);
            }
            else
            {
                try
                {
                    (inode, attributes) = await CallAsync("lookup", replayable: true, (parent, name, caller.Uid),
                        (session, s) => LookupCoreAsync(session, s.parent, s.name, s.Uid)).ConfigureAwait(false);
                }
                catch
                {
                    if (_connection.Current is { Generation: var current } session && current == generation)
                    {
                        DropFid(session, fid);
                    }

                    throw;
                }
            }

            var handle = AddHandle(inode, caller.Uid, reopen, isDirectory: false, fid, generation);
            ReplyCreate(request, inode, attributes, handle.Id, flags);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "create");
        }
    }

    public async Task ReadAsync(nint request, ulong fileHandle, int size, long offset)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var handle = GetHandle(fileHandle);
            var read = await CallAsync("read", replayable: true, (this, handle, buffer, size, offset), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                return await session.Client.ReadAsync(fid, (ulong)s.offset, s.buffer.AsMemory(0, s.size)).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyBuffer(request, buffer.AsSpan(0, read));
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "read");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="data"/> (a pooled copy of the kernel's buffer, returned here) at <paramref name="offset"/>.</summary>
    public async Task WriteAsync(nint request, ulong fileHandle, byte[] data, int length, long offset)
    {
        try
        {
            var handle = GetHandle(fileHandle);

            // With O_APPEND the server appends wherever we say, so a replay could write the data twice.
            var replayable = (handle.ReopenFlags & OpenFlags.Append) == 0;
            var written = await CallAsync("write", replayable, (this, handle, data, length, offset), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                var count = await session.Client.WriteAsync(fid, (ulong)s.offset, s.data.AsMemory(0, s.length)).ConfigureAwait(false);
                s.handle.MarkWritten(session.Generation);
                return count;
            }).ConfigureAwait(false);
            LibFuse.ReplyWrite(request, (nuint)written);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "write");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>close(2) of one descriptor: POSIX says the closing process loses all its locks on the file.</summary>
    public async Task FlushAsync(nint request, ulong fileHandle, ulong lockOwner)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            if (handle.Inode.TryRemoveLockOwner(lockOwner, out var pid))
            {
                await CallAsync("flush", replayable: true, (this, handle, pid, clientId: LockClientId(lockOwner)), static async (session, s) =>
                {
                    var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                    return await session.Client.LockAsync(fid, LockType.Unlock, LockFlags.None, 0, 0, s.pid, s.clientId).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }

            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "flush");
        }
    }

    /// <summary>
    /// The last close of an open file: clunks its fid (the server drops the fid's locks too). Always
    /// succeeds, so the kernel is answered at once and the Tclunk goes out behind it: nothing the kernel
    /// sends next depends on it (data was written and fsync answered before; the server keeps an unlinked
    /// file alive until the clunk arrives, which is the same order as on a local filesystem).
    /// </summary>
    /// <returns>The clunk, which ends after the reply.</returns>
    public Task ReleaseAsync(nint request, ulong fileHandle)
    {
        ReplyOk(request);
        return CloseHandleAsync(fileHandle);
    }

    private async Task CloseHandleAsync(ulong fileHandle)
    {
        if (_handles.TryRemove(fileHandle, out var handle))
        {
            var session = _connection.Current;
            if (handle.TryTakeFid(session.Generation, out var fid) && !session.IsClosed)
            {
                await ClunkQuietlyAsync(session, fid).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// fsync(2): waits for the server's Rfsync. If writes acknowledged on an earlier connection were not
    /// yet synced, the old server may have lost them, so the fsync reports EIO once instead of claiming
    /// durability.
    /// </summary>
    public async Task FsyncAsync(nint request, ulong fileHandle, bool dataOnly)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            await CallAsync("fsync", replayable: true, (this, handle, dataOnly), static async (session, s) =>
            {
                var lost = s.handle.TakeLostWrites(session.Generation);
                if (lost != 0)
                {
                    FuseLog.UnsyncedWritesLost(s.Item1._logger, s.handle.Id, session.Generation);
                    throw new FuseErrnoException(Errors.EIO, "writes acknowledged before a reconnect may be lost");
                }

                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                await session.Client.FsyncAsync(fid, s.dataOnly).ConfigureAwait(false);
                s.handle.MarkSynced(session.Generation);
                return true;
            }).ConfigureAwait(false);
            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "fsync");
        }
    }

    private OpenFlags ToOpenFlags(int flags)
    {
        var openFlags = (OpenFlags)(uint)flags & PassedFlags;
        if (_options.WritebackCache)
        {
            // The page cache reads around partial writes and does appends itself.
            openFlags &= ~OpenFlags.Append;
            if ((openFlags & OpenFlags.AccessModeMask) == OpenFlags.WriteOnly)
            {
                openFlags = (openFlags & ~OpenFlags.AccessModeMask) | OpenFlags.ReadWrite;
            }
        }

        return openFlags;
    }

    /// <summary>
    /// The open reply. O_DIRECT bypasses the page cache; every other open keeps what the kernel cached of
    /// the file (keep_cache), instead of dropping it at each open. The cache stays as fresh as the
    /// attributes: with FUSE_CAP_AUTO_INVAL_DATA (libfuse's default) the kernel drops cached pages when a
    /// lookup or getattr, at most an attribute timeout apart, shows a changed size or mtime.
    /// </summary>
    private static FuseFileInfo OpenInfo(ulong handle, int flags) => new()
    {
        FileHandle = handle,
        Flags = flags,
        Bits = ((OpenFlags)(uint)flags & OpenFlags.Direct) != 0 ? FuseFileInfo.DirectIO : FuseFileInfo.KeepCache,
    };

    private void ReplyOpen(nint request, ulong handle, int flags)
    {
        if (ReplyOpenCore(request, OpenInfo(handle, flags)) != 0)
        {
            // The opener is gone: the kernel will never release this handle.
            _ = CloseHandleAsync(handle);
        }
    }

    private static unsafe int ReplyOpenCore(nint request, FuseFileInfo info) => LibFuse.ReplyOpen(request, &info);

    private unsafe void ReplyCreate(nint request, Inodes.Inode inode, FileAttributes attributes, ulong handle, int flags)
    {
        var entry = new FuseEntryParameters { Ino = inode.Ino, AttributeTimeout = _attributeTimeout, EntryTimeout = _entryTimeout };
        Fill(ref entry.Attributes, attributes);
        var info = OpenInfo(handle, flags);
        if (LibFuse.ReplyCreate(request, &entry, &info) != 0)
        {
            Forget(inode.Ino, 1);
            _ = CloseHandleAsync(handle);
        }
    }

    private static unsafe void ReplyBuffer(nint request, ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            LibFuse.ReplyBuffer(request, pointer, (nuint)data.Length);
        }
    }
}
