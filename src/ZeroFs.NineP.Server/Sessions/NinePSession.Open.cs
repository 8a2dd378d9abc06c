using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tlopen, Tlcreate, Tclunk, Tremove: the life of an open fid.</summary>
internal sealed partial class NinePSession
{
    /// <summary>
    /// Tlopen: checks the open mode against the permission bits (access(2) rules: root passes read and
    /// write), truncates with O_TRUNC, and takes a filesystem handle so an unlinked file stays readable
    /// until the fid is clunked. Directories open read-only (EISDIR otherwise).
    /// </summary>
    private async ValueTask LopenAsync(NinePRequest request)
    {
        uint fidNumber;
        OpenFlags flags;
        {
            if (Tlopen.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (fidNumber, flags) = (message.Fid, message.Flags);
        }

        if (!TryGetPathFid(request, fidNumber, out var fid))
        {
            return;
        }

        if (fid.IsOpen)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var attributes = await _fs.GetAttributesAsync(fid.Inode, request.Cancellation.Token).ConfigureAwait(false);
        if (!attributes.IsOk)
        {
            request.Error(NinePErrno.FromStatus(attributes.Status));
            return;
        }

        var errno = await CheckOpenAsync(fid.Credentials, attributes.Value, flags, request.Cancellation.Token).ConfigureAwait(false);
        if (errno == 0)
        {
            errno = MarkOpen(fidNumber, fid, flags);
        }

        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        request.Write(new Rlopen(Qids.Of(attributes.Value), 0));
    }

    /// <summary>
    /// Tlcreate: creates and opens a regular file in the directory fid, which then names the new file. The
    /// message's gid is the caller's group for the create (the file's group unless the directory is setgid).
    /// An existing name is EEXIST with O_EXCL; without it the existing file is opened as Tlopen would.
    /// </summary>
    private async ValueTask LcreateAsync(NinePRequest request)
    {
        uint fidNumber;
        ReadOnlyMemory<byte> name;
        OpenFlags flags;
        uint mode;
        uint gid;
        {
            if (Tlcreate.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (fidNumber, name, flags, mode, gid) = (message.Fid, request.Slice(message.Name), message.Flags, message.Mode, message.Gid);
        }

        if (!TryGetPathFid(request, fidNumber, out var directory))
        {
            return;
        }

        if (directory.IsOpen)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        if (directory.Type != FileType.Directory)
        {
            request.Error(P9Errno.ENOTDIR);
            return;
        }

        var token = request.Cancellation.Token;
        var created = await _fs.CreateAsync(WithGroup(directory, gid), directory.Inode, name, mode & 0xFFF, exclusive: true, token).ConfigureAwait(false);
        if (created.Status == FsStatus.Exists && (flags & OpenFlags.Exclusive) == 0)
        {
            created = await _fs.LookupAsync(directory.Credentials, directory.Inode, name, token).ConfigureAwait(false);
            if (created.IsOk)
            {
                if (created.Value.Type == FileType.Directory)
                {
                    request.Error(P9Errno.EISDIR);
                    return;
                }

                var denied = await CheckOpenAsync(directory.Credentials, created.Value, flags, token).ConfigureAwait(false);
                if (denied != 0)
                {
                    request.Error(denied);
                    return;
                }
            }
        }

        if (!created.IsOk)
        {
            request.Error(NinePErrno.FromStatus(created.Status));
            return;
        }

        var file = new Fid(created.Value.Id, created.Value.Type, directory.Credentials, directory.AttachRoot, directory.Inode, name.ToArray());
        uint errno;
        lock (_sync)
        {
            errno = AddFid(fidNumber, file, directory);
            if (errno == 0)
            {
                _fs.OpenHandle(file.Inode);
                file.IsOpen = true;
                file.OpenFlags = flags;
            }
        }

        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        request.Write(new Rlcreate(Qids.Of(created.Value), 0));
    }

    /// <summary>Permission and type checks of an open; truncates on O_TRUNC. Returns 0 or an errno.</summary>
    private async ValueTask<uint> CheckOpenAsync(Credentials credentials, InodeAttributes attributes, OpenFlags flags, CancellationToken cancellationToken)
    {
        var accessMode = flags & OpenFlags.AccessModeMask;
        var truncate = (flags & OpenFlags.Truncate) != 0;
        var mask = accessMode switch
        {
            OpenFlags.ReadOnly => AccessMask.Read,
            OpenFlags.WriteOnly => AccessMask.Write,
            OpenFlags.ReadWrite => AccessMask.Read | AccessMask.Write,
            _ => AccessMask.None,
        };
        if (truncate)
        {
            mask |= AccessMask.Write;
        }

        if (attributes.Type == FileType.Directory && (mask & AccessMask.Write) != 0)
        {
            return P9Errno.EISDIR;
        }

        if (attributes.Type == FileType.Symlink)
        {
            return P9Errno.ELOOP;
        }

        if (mask != AccessMask.None)
        {
            var status = await _fs.AccessAsync(credentials, attributes.Id, mask, cancellationToken).ConfigureAwait(false);
            if (status != FsStatus.Ok)
            {
                return NinePErrno.FromStatus(status);
            }
        }

        if (truncate && attributes.Type == FileType.Regular && attributes.Size != 0)
        {
            var truncated = await _fs.SetAttributesAsync(credentials, attributes.Id, new SetAttributes { Size = 0 }, cancellationToken).ConfigureAwait(false);
            if (!truncated.IsOk)
            {
                return NinePErrno.FromStatus(truncated.Status);
            }
        }

        return 0;
    }

    /// <summary>Marks the fid open and takes its handle, unless it was clunked or opened meanwhile.</summary>
    private uint MarkOpen(uint number, Fid fid, OpenFlags flags)
    {
        lock (_sync)
        {
            if (!_fids.TryGetValue(number, out var current) || !ReferenceEquals(current, fid) || fid.IsOpen)
            {
                return P9Errno.EBADF;
            }

            _fs.OpenHandle(fid.Inode);
            fid.IsOpen = true;
            fid.OpenFlags = flags;
            return 0;
        }
    }

    /// <summary>
    /// Tclunk: forgets the fid, releasing its locks and open handle; an xattr-create fid commits its value
    /// here (size 0 removes the attribute), and a failed commit is the clunk's error. The fid is gone either way.
    /// </summary>
    private async ValueTask ClunkAsync(NinePRequest request)
    {
        if (Tclunk.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        var fid = TakeFid(message.Fid);
        if (fid is null)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var errno = await ReleaseFidAsync(fid, commit: true).ConfigureAwait(false);
        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        request.Write(default(Rclunk));
    }

    /// <summary>Tremove: removes the file or empty directory the fid names, then clunks the fid (even on failure).</summary>
    private async ValueTask RemoveAsync(NinePRequest request)
    {
        if (Tremove.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        var fid = TakeFid(message.Fid);
        if (fid is null)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        uint errno;
        if (fid.Kind != FidKind.Path)
        {
            errno = P9Errno.EBADF;
        }
        else if (fid.Name is null)
        {
            errno = fid.Inode == fid.AttachRoot ? P9Errno.EBUSY : P9Errno.EINVAL;
        }
        else
        {
            var status = fid.Type == FileType.Directory
                ? await _fs.RemoveDirectoryAsync(fid.Credentials, fid.Parent, fid.Name, CancellationToken.None).ConfigureAwait(false)
                : await _fs.RemoveAsync(fid.Credentials, fid.Parent, fid.Name, CancellationToken.None).ConfigureAwait(false);
            errno = NinePErrno.FromStatus(status);
        }

        var released = await ReleaseFidAsync(fid, commit: false).ConfigureAwait(false);
        errno = errno != 0 ? errno : released;
        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        request.Write(default(Rremove));
    }
}
