using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;
using WireEntry = ZeroFs.NineP.Protocol.DirectoryEntry;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Treaddir and the operations that add, move or remove names.</summary>
internal sealed partial class NinePSession
{
    /// <summary>The fewest bytes one Rreaddir entry takes (a one-byte name).</summary>
    private const int MinimumEntryLength = NinePConstants.DirectoryEntryOverhead + 1;

    /// <summary>Entries asked of the filesystem per page while filling one Rreaddir.</summary>
    private const int ReaddirPage = 512;

    /// <summary>
    /// Treaddir: entries after cookie <c>offset</c> (0 = start; "." and ".." are cookies 1 and 2, real
    /// entries a per-directory counter that is stable under concurrent changes), packed into the reply
    /// buffer up to count bytes. ".." of the attach root names the attach root itself.
    /// </summary>
    private async ValueTask ReaddirAsync(NinePRequest request)
    {
        if (Treaddir.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        if (!fid.CanRead || fid.Type != FileType.Directory)
        {
            request.Error(fid.CanRead ? P9Errno.ENOTDIR : P9Errno.EBADF);
            return;
        }

        var count = (int)Math.Min(message.Count, (uint)MaxReplyPayload);
        var memory = request.Reply.GetMemory(NinePPayload.DataReplyHeaderLength + count);
        var filled = 0;
        var cookie = message.Offset;
        var full = false;
        while (!full)
        {
            var wanted = Math.Clamp(((count - filled) / MinimumEntryLength) + 1, 1, ReaddirPage);
            var page = await _fs.ReadDirectoryAsync(fid.Credentials, fid.Inode, cookie, wanted, false, request.Cancellation.Token).ConfigureAwait(false);
            if (!page.IsOk)
            {
                if (filled == 0)
                {
                    request.Error(NinePErrno.FromStatus(page.Status));
                    return;
                }

                break;
            }

            var destination = memory.Span.Slice(NinePPayload.DataReplyHeaderLength, count);
            foreach (var entry in page.Value.Entries)
            {
                var id = entry.Cookie == PosixFileSystem.DotDotCookie && fid.Inode == fid.AttachRoot ? fid.Inode : entry.Id;
                var encoded = new WireEntry(Qids.Of(id, entry.Type), entry.Cookie, Qids.DirentType(entry.Type), entry.Name);
                if (!encoded.TryWrite(destination[filled..], out var written))
                {
                    full = true;
                    break;
                }

                filled += written;
                cookie = entry.Cookie;
            }

            if (page.Value.EndOfDirectory || page.Value.Entries.Count == 0)
            {
                break;
            }
        }

        request.Reply.Advance(NinePPayload.WriteDataReplyHeader(memory.Span, MessageType.Rreaddir, request.Tag, filled));
    }

    /// <summary>Tmkdir: a directory in dfid; the message's gid is the creator's group.</summary>
    private async ValueTask MkdirAsync(NinePRequest request)
    {
        uint directoryFid;
        ReadOnlyMemory<byte> name;
        uint mode;
        uint gid;
        {
            if (Tmkdir.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (directoryFid, name, mode, gid) = (message.DirectoryFid, request.Slice(message.Name), message.Mode, message.Gid);
        }

        if (!TryGetPathFid(request, directoryFid, out var directory))
        {
            return;
        }

        var result = await _fs.MakeDirectoryAsync(WithGroup(directory, gid), directory.Inode, name, mode & 0xFFF, request.Cancellation.Token)
            .ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(new Rmkdir(Qids.Of(result.Value)));
    }

    /// <summary>Tsymlink: a symbolic link in the directory fid.</summary>
    private async ValueTask SymlinkAsync(NinePRequest request)
    {
        uint directoryFid;
        ReadOnlyMemory<byte> name;
        ReadOnlyMemory<byte> target;
        uint gid;
        {
            if (Tsymlink.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (directoryFid, name, target, gid) = (message.Fid, request.Slice(message.Name), request.Slice(message.Target), message.Gid);
        }

        if (!TryGetPathFid(request, directoryFid, out var directory))
        {
            return;
        }

        var result = await _fs.SymlinkAsync(WithGroup(directory, gid), directory.Inode, name, target, request.Cancellation.Token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(new Rsymlink(Qids.Of(result.Value)));
    }

    /// <summary>
    /// Tmknod: a FIFO, socket, character or block device (rdev = Linux new_encode_dev(major, minor)), or a
    /// regular file for S_IFREG; S_IFDIR and S_IFLNK are EINVAL.
    /// </summary>
    private async ValueTask MknodAsync(NinePRequest request)
    {
        uint directoryFid;
        ReadOnlyMemory<byte> name;
        uint mode;
        ulong rdev;
        uint gid;
        {
            if (Tmknod.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (directoryFid, name, mode, gid) = (message.DirectoryFid, request.Slice(message.Name), message.Mode, message.Gid);
            rdev = (message.Minor & 0xFFu) | ((ulong)message.Major << 8) | ((ulong)(message.Minor & ~0xFFu) << 12);
        }

        if (!TryGetPathFid(request, directoryFid, out var directory))
        {
            return;
        }

        FileType? type = (mode & 0xF000) switch
        {
            0x1000 => FileType.Fifo,
            0x2000 => FileType.CharDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            0x8000 or 0 => FileType.Regular,
            _ => null,
        };
        if (type is null)
        {
            request.Error(P9Errno.EINVAL);
            return;
        }

        var credentials = WithGroup(directory, gid);
        var token = request.Cancellation.Token;
        var result = type == FileType.Regular
            ? await _fs.CreateAsync(credentials, directory.Inode, name, mode & 0xFFF, exclusive: true, token).ConfigureAwait(false)
            : await _fs.MakeNodeAsync(credentials, directory.Inode, name, type.Value, mode & 0xFFF, rdev, token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(new Rmknod(Qids.Of(result.Value)));
    }

    /// <summary>Tlink: a new name in dfid for the file fid.</summary>
    private async ValueTask LinkAsync(NinePRequest request)
    {
        uint directoryFid;
        uint fileFid;
        ReadOnlyMemory<byte> name;
        {
            if (Tlink.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (directoryFid, fileFid, name) = (message.DirectoryFid, message.Fid, request.Slice(message.Name));
        }

        if (!TryGetPathFid(request, directoryFid, out var directory) || !TryGetPathFid(request, fileFid, out var file))
        {
            return;
        }

        var result = await _fs.LinkAsync(directory.Credentials, file.Inode, directory.Inode, name, request.Cancellation.Token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        request.Write(default(Rlink));
    }

    /// <summary>
    /// Trename: moves the file fid names (by the directory and name it was walked through) into dfid as
    /// name; the fid then names the new location. A fid reached through ".." or naming the attach root
    /// cannot be renamed this way (EINVAL/EBUSY); Linux uses Trenameat.
    /// </summary>
    private async ValueTask RenameAsync(NinePRequest request)
    {
        uint fileFid;
        uint directoryFid;
        ReadOnlyMemory<byte> name;
        {
            if (Trename.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (fileFid, directoryFid, name) = (message.Fid, message.DirectoryFid, request.Slice(message.Name));
        }

        if (!TryGetPathFid(request, fileFid, out var file) || !TryGetPathFid(request, directoryFid, out var directory))
        {
            return;
        }

        if (file.Name is not { } oldName)
        {
            request.Error(file.Inode == file.AttachRoot ? P9Errno.EBUSY : P9Errno.EINVAL);
            return;
        }

        var status = await _fs.RenameAsync(file.Credentials, file.Parent, oldName, directory.Inode, name, RenameFlags.None, request.Cancellation.Token)
            .ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            request.Error(NinePErrno.FromStatus(status));
            return;
        }

        var newName = name.ToArray();
        lock (_sync)
        {
            file.Parent = directory.Inode;
            file.Name = newName;
        }

        request.Write(default(Rrename));
    }

    /// <summary>Trenameat: rename(2) between two directory fids (an existing target is replaced atomically).</summary>
    private async ValueTask RenameatAsync(NinePRequest request)
    {
        uint oldDirectoryFid;
        uint newDirectoryFid;
        ReadOnlyMemory<byte> oldName;
        ReadOnlyMemory<byte> newName;
        {
            if (Trenameat.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (oldDirectoryFid, oldName, newDirectoryFid, newName) =
                (message.OldDirectoryFid, request.Slice(message.OldName), message.NewDirectoryFid, request.Slice(message.NewName));
        }

        if (!TryGetPathFid(request, oldDirectoryFid, out var oldDirectory) || !TryGetPathFid(request, newDirectoryFid, out var newDirectory))
        {
            return;
        }

        var status = await _fs.RenameAsync(
            oldDirectory.Credentials, oldDirectory.Inode, oldName, newDirectory.Inode, newName, RenameFlags.None, request.Cancellation.Token)
            .ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            request.Error(NinePErrno.FromStatus(status));
            return;
        }

        request.Write(default(Rrenameat));
    }

    /// <summary>Tunlinkat: unlink(2), or rmdir(2) with AT_REMOVEDIR.</summary>
    private async ValueTask UnlinkatAsync(NinePRequest request)
    {
        uint directoryFid;
        ReadOnlyMemory<byte> name;
        UnlinkatFlags flags;
        {
            if (Tunlinkat.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (directoryFid, name, flags) = (message.DirectoryFid, request.Slice(message.Name), message.Flags);
        }

        if (!TryGetPathFid(request, directoryFid, out var directory))
        {
            return;
        }

        var token = request.Cancellation.Token;
        var status = (flags & UnlinkatFlags.RemoveDirectory) != 0
            ? await _fs.RemoveDirectoryAsync(directory.Credentials, directory.Inode, name, token).ConfigureAwait(false)
            : await _fs.RemoveAsync(directory.Credentials, directory.Inode, name, token).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            request.Error(NinePErrno.FromStatus(status));
            return;
        }

        request.Write(default(Runlinkat));
    }
}
