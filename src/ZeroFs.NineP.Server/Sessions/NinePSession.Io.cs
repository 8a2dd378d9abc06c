using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tread, Twrite, Tfsync.</summary>
internal sealed partial class NinePSession
{
    /// <summary>The largest payload that fits an Rread or Rreaddir in the negotiated msize.</summary>
    private int MaxReplyPayload => (int)MessageSize - NinePPayload.DataReplyHeaderLength;

    /// <summary>
    /// Tread: the filesystem reads straight into the reply buffer after its 11-byte header (no
    /// intermediate copy). The fid must be open for reading (EBADF); an xattr fid reads its value.
    /// </summary>
    private async ValueTask ReadAsync(NinePRequest request)
    {
        if (Tread.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetFid(message.Fid, out var fid))
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var count = (int)Math.Min(message.Count, (uint)MaxReplyPayload);
        if (fid.Kind == FidKind.XattrRead)
        {
            ReadXattr(request, fid, message.Offset, count);
            return;
        }

        if (fid.Kind != FidKind.Path || !fid.CanRead)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        if (message.Offset > long.MaxValue)
        {
            WriteData(request, MessageType.Rread, ReadOnlySpan<byte>.Empty);
            return;
        }

        var memory = request.Reply.GetMemory(NinePPayload.DataReplyHeaderLength + count);
        var result = await _fs.ReadAsync(
            fid.Credentials, fid.Inode, (long)message.Offset, memory.Slice(NinePPayload.DataReplyHeaderLength, count), request.Cancellation.Token)
            .ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        var read = result.Value.Count;
        request.Reply.Advance(NinePPayload.WriteDataReplyHeader(memory.Span, MessageType.Rread, request.Tag, read));
        NinePServerMetrics.BytesRead.Add(read);
    }

    /// <summary>
    /// Twrite: the payload goes to the filesystem from the request's frame copy. The fid must be open for
    /// writing (EBADF); with O_APPEND the data lands at the current end of file. An xattr-create fid
    /// collects the value instead.
    /// </summary>
    private async ValueTask WriteAsync(NinePRequest request)
    {
        uint fidNumber;
        ulong offset;
        ReadOnlyMemory<byte> data;
        {
            if (Twrite.TryParse(request.Body, out var message) != OperationStatus.Done)
            {
                Malformed(request);
                return;
            }

            (fidNumber, offset, data) = (message.Fid, message.Offset, request.Slice(message.Data));
        }

        if (!TryGetFid(fidNumber, out var fid))
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        if (fid.Kind == FidKind.XattrWrite)
        {
            WriteXattr(request, fid, offset, data.Span);
            return;
        }

        if (fid.Kind != FidKind.Path || !fid.CanWrite)
        {
            request.Error(P9Errno.EBADF);
            return;
        }

        var token = request.Cancellation.Token;
        if ((fid.OpenFlags & OpenFlags.Append) != 0)
        {
            var attributes = await _fs.GetAttributesAsync(fid.Inode, token).ConfigureAwait(false);
            if (!attributes.IsOk)
            {
                request.Error(NinePErrno.FromStatus(attributes.Status));
                return;
            }

            offset = (ulong)attributes.Value.Size;
        }

        if (offset > long.MaxValue)
        {
            request.Error(P9Errno.EFBIG);
            return;
        }

        var result = await _fs.WriteAsync(fid.Credentials, fid.Inode, (long)offset, data, token).ConfigureAwait(false);
        if (!result.IsOk)
        {
            request.Error(NinePErrno.FromStatus(result.Status));
            return;
        }

        NinePServerMetrics.BytesWritten.Add(data.Length);
        request.Write(new Rwrite((uint)data.Length));
    }

    /// <summary>
    /// Tfsync: replies only after <see cref="PosixFileSystem.FsyncAsync"/> has completed, i.e. once every
    /// write acknowledged before it is durable in the object store. A Tflush stops the waiting, not the commit.
    /// </summary>
    private async ValueTask FsyncAsync(NinePRequest request)
    {
        if (Tfsync.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        if (!TryGetPathFid(request, message.Fid, out var fid))
        {
            return;
        }

        var status = await _fs.FsyncAsync(fid.Inode, request.Cancellation.Token).ConfigureAwait(false);
        if (status != FsStatus.Ok)
        {
            request.Error(NinePErrno.FromStatus(status));
            return;
        }

        request.Write(default(Rfsync));
    }

    /// <summary>Writes an Rread or Rreaddir carrying <paramref name="data"/>.</summary>
    private static void WriteData(NinePRequest request, MessageType type, ReadOnlySpan<byte> data)
    {
        request.Reply.Reset();
        var span = request.Reply.GetSpan(NinePPayload.DataReplyHeaderLength + data.Length);
        data.CopyTo(span[NinePPayload.DataReplyHeaderLength..]);
        request.Reply.Advance(NinePPayload.WriteDataReplyHeader(span, type, request.Tag, data.Length));
    }
}
