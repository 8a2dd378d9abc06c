using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Txattrwalk and Txattrcreate: extended attributes as fids read with Tread and written with Twrite.</summary>
internal sealed partial class NinePSession
{
    private const uint XattrCreate = 1;
    private const uint XattrReplace = 2;

    /// <summary>
    /// Txattrwalk: newfid becomes an xattr fid holding the value of name, or with an empty name the list of
    /// names (each NUL-terminated, as listxattr(2) returns them); the reply is its size.
    /// </summary>
    private async ValueTask XattrwalkAsync(NinePRequest request)
    {
        uint fidNumber;
        uint newFidNumber;
        ReadOnlyMemory<byte> name;
        {
            if (Txattrwalk.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (fidNumber, newFidNumber, name) = (message.Fid, message.NewFid, request.Slice(message.Name));
        }

        if (!TryGetPathFid(request, fidNumber, out var fid))
        {
            return;
        }

        var inPlace = newFidNumber == fidNumber;
        if ((inPlace && fid.IsOpen) || (!inPlace && IsFidInUse(newFidNumber)))
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        byte[] value;
        var token = request.Cancellation.Token;
        if (name.IsEmpty)
        {
            var names = await _fs.ListXattrsAsync(fid.Credentials, fid.Inode, token).ConfigureAwait(false);
            if (!names.IsOk)
            {
                request.Error(NinePErrno.FromStatus(names.Status));
                return;
            }

            value = JoinNames(names.Value);
        }
        else
        {
            var found = await _fs.GetXattrAsync(fid.Credentials, fid.Inode, name, token).ConfigureAwait(false);
            if (!found.IsOk)
            {
                request.Error(NinePErrno.FromStatus(found.Status));
                return;
            }

            value = found.Value;
        }

        var reader = fid.Clone();
        reader.Kind = FidKind.XattrRead;
        reader.XattrValue = value;
        var errno = AddFid(newFidNumber, reader, inPlace ? fid : null);
        if (errno != 0)
        {
            request.Error(errno);
            return;
        }

        request.Write(new Rxattrwalk((ulong)value.Length));
    }

    /// <summary>
    /// Txattrcreate: turns fid into a writer of attribute name with exactly attr_size bytes, collected by
    /// Twrite and committed by Tclunk (size 0 removes the attribute). Flags are XATTR_CREATE (1) or
    /// XATTR_REPLACE (2); a size above the filesystem's limit is E2BIG.
    /// </summary>
    private void Xattrcreate(NinePRequest request)
    {
        if (Txattrcreate.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        var flags = message.Flags switch
        {
            0 => XattrFlags.None,
            XattrCreate => XattrFlags.Create,
            XattrReplace => XattrFlags.Replace,
            _ => (XattrFlags?)null,
        };
        if (flags is null || message.Name.IsEmpty || message.Name.Length > PosixFileSystem.MaxXattrNameLength)
        {
            request.Error(message.Name.Length > PosixFileSystem.MaxXattrNameLength ? P9Errno.ERANGE : P9Errno.EINVAL);
            return;
        }

        if (message.AttributeSize > (ulong)_fs.Options.MaxXattrValueBytes)
        {
            request.Error(NinePErrno.E2BIG);
            return;
        }

        lock (_sync)
        {
            if (!_fids.TryGetValue(message.Fid, out var current) || !ReferenceEquals(current, fid) || fid.IsOpen || fid.Kind != FidKind.Path)
            {
                request.Error(P9Errno.EBADF);
                return;
            }

            fid.Kind = FidKind.XattrWrite;
            fid.XattrName = message.Name.ToArray();
            fid.XattrValue = new byte[message.AttributeSize];
            fid.XattrFlags = flags.Value;
        }

        request.Write(default(Rxattrcreate));
    }

    private static void ReadXattr(NinePRequest request, Fid fid, ulong offset, int count)
    {
        var value = fid.XattrValue!;
        var start = (int)Math.Min(offset, (ulong)value.Length);
        WriteData(request, MessageType.Rread, value.AsSpan(start, Math.Min(count, value.Length - start)));
    }

    private void WriteXattr(NinePRequest request, Fid fid, ulong offset, ReadOnlySpan<byte> data)
    {
        lock (_sync)
        {
            var value = fid.XattrValue!;
            if (offset > (ulong)value.Length || (ulong)data.Length > (ulong)value.Length - offset)
            {
                request.Error(P9Errno.EINVAL);
                return;
            }

            data.CopyTo(value.AsSpan((int)offset));
            fid.XattrWritten = Math.Max(fid.XattrWritten, (int)offset + data.Length);
        }

        request.Write(new Rwrite((uint)data.Length));
    }

    /// <summary>Commits an xattr-create fid at its clunk; returns 0 or the errno, which becomes the Rclunk's error.</summary>
    private async ValueTask<uint> CommitXattrAsync(Fid fid)
    {
        var value = fid.XattrValue!;
        if (fid.XattrWritten != value.Length)
        {
            return P9Errno.EINVAL;
        }

        var status = value.Length == 0
            ? await _fs.RemoveXattrAsync(fid.Credentials, fid.Inode, fid.XattrName, CancellationToken.None).ConfigureAwait(false)
            : await _fs.SetXattrAsync(fid.Credentials, fid.Inode, fid.XattrName, value, fid.XattrFlags, CancellationToken.None).ConfigureAwait(false);
        return NinePErrno.FromStatus(status);
    }

    private static byte[] JoinNames(IReadOnlyList<byte[]> names)
    {
        var length = 0;
        foreach (var name in names)
        {
            length += name.Length + 1;
        }

        var joined = new byte[length];
        var position = 0;
        foreach (var name in names)
        {
            name.CopyTo(joined, position);
            position += name.Length + 1;
        }

        return joined;
    }
}
