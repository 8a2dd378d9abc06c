using System.Buffers;
using ZeroFs.Fuse.Interop;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.Fuse;

/// <summary>Directories: opendir, readdir, releasedir, fsyncdir.</summary>
internal sealed partial class FuseFileSystem
{
    public async Task OpendirAsync(nint request, Caller caller, ulong ino, int flags)
    {
        try
        {
            var inode = GetInode(ino);
            var handle = await CallAsync("opendir", replayable: true, (this, inode, caller.Uid), static async (session, s) =>
            {
                var nodeFid = await s.Item1.GetFidAsync(session, s.inode, s.Uid).ConfigureAwait(false);
                var clone = await session.Client.WalkAsync(nodeFid, []).ConfigureAwait(false);
                const OpenFlags DirectoryFlags = OpenFlags.ReadOnly | OpenFlags.Directory;
                try
                {
                    await session.Client.LopenAsync(clone.Fid, DirectoryFlags).ConfigureAwait(false);
                }
                catch
                {
                    DropFid(session, clone.Fid);
                    throw;
                }

                return s.Item1.AddHandle(s.inode, s.Uid, DirectoryFlags, isDirectory: true, clone.Fid, session.Generation);
            }).ConfigureAwait(false);
            ReplyOpen(request, handle.Id, flags & ~(int)OpenFlags.Direct);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "opendir");
        }
    }

    /// <summary>
    /// One Treaddir of at most <paramref name="size"/> bytes from cookie <paramref name="offset"/>. Each
    /// entry is given to the kernel with its own 9P cookie as the offset of the next one, so entries that
    /// do not fit (FUSE pads names to 8 bytes) are simply asked for again by the next readdir.
    /// </summary>
    public async Task ReaddirAsync(nint request, ulong fileHandle, int size, long offset)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            var entries = await CallAsync("readdir", replayable: true, (this, handle, size, offset), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                return await session.Client.ReaddirAsync(fid, (ulong)s.offset, (uint)s.size).ConfigureAwait(false);
            }).ConfigureAwait(false);
            ReplyDirectory(request, entries, size);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "readdir");
        }
    }

    public async Task ReleasedirAsync(nint request, ulong fileHandle)
    {
        await CloseHandleAsync(fileHandle).ConfigureAwait(false);
        ReplyOk(request);
    }

    public async Task FsyncdirAsync(nint request, ulong fileHandle, bool dataOnly)
    {
        try
        {
            var handle = GetHandle(fileHandle);
            await CallAsync("fsyncdir", replayable: true, (this, handle, dataOnly), static async (session, s) =>
            {
                var fid = await s.Item1.GetOpenFidAsync(session, s.handle).ConfigureAwait(false);
                await session.Client.FsyncAsync(fid, s.dataOnly).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            ReplyOk(request);
        }
        catch (Exception ex)
        {
            ReplyError(request, ex, "fsyncdir");
        }
    }

    private static unsafe void ReplyDirectory(nint request, IReadOnlyList<DirectoryEntryInfo> entries, int size)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        var name = ArrayPool<byte>.Shared.Rent(256 + 1);
        try
        {
            var used = 0;
            fixed (byte* output = buffer)
            {
                foreach (var entry in entries)
                {
                    if (entry.Name.Length + 1 > name.Length)
                    {
                        ArrayPool<byte>.Shared.Return(name);
                        name = ArrayPool<byte>.Shared.Rent(entry.Name.Length + 1);
                    }

                    entry.Name.CopyTo(name, 0);
                    name[entry.Name.Length] = 0;

                    // Only st_ino and the type bits of st_mode are used: d_type sits in bits 12-15.
                    var stat = new NativeStat { Ino = entry.Qid.Path, Mode = (uint)entry.Type << 12 };
                    nuint needed;
                    fixed (byte* namePointer = name)
                    {
                        needed = LibFuse.AddDirectoryEntry(request, output + used, (nuint)(size - used), namePointer, &stat, (long)entry.Offset);
                    }

                    if ((int)needed > size - used)
                    {
                        break;
                    }

                    used += (int)needed;
                }

                LibFuse.ReplyBuffer(request, output, (nuint)used);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(name);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
