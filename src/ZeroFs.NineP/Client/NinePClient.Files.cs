using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>Session and file operations: attach, walk, open, read, write, sync, clunk, remove.</summary>
public sealed partial class NinePClient
{
    /// <summary>Tauth: asks for an authentication fid (most servers, ZeroFS included, answer an error).</summary>
    /// <param name="userName">uname.</param>
    /// <param name="attachName">aname.</param>
    /// <param name="numericUserName">n_uname, or <see cref="NinePConstants.NoUid"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The new afid and its qid.</returns>
    public Task<FidQid> AuthAsync(ReadOnlySpan<byte> userName, ReadOnlySpan<byte> attachName, uint numericUserName, CancellationToken cancellationToken = default)
    {
        var fid = AllocateFid();
        var frame = EncodeForNewFid(fid, new Tauth(fid, userName, attachName, numericUserName));
        return WithNewFidAsync(fid, frame, MessageType.Tauth, MessageType.Rauth, cancellationToken);
    }

    /// <summary>Tattach: attaches a new fid to the root of <paramref name="attachName"/>.</summary>
    /// <param name="userName">uname.</param>
    /// <param name="attachName">aname (the tree to access).</param>
    /// <param name="numericUserName">n_uname: the uid the server acts as.</param>
    /// <param name="authFid">afid, or <see cref="NinePConstants.NoFid"/>.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The root fid and its qid.</returns>
    public Task<FidQid> AttachAsync(
        ReadOnlySpan<byte> userName, ReadOnlySpan<byte> attachName, uint numericUserName, uint authFid = NinePConstants.NoFid, CancellationToken cancellationToken = default)
    {
        var fid = AllocateFid();
        var frame = EncodeForNewFid(fid, new Tattach(fid, authFid, userName, attachName, numericUserName));
        return WithNewFidAsync(fid, frame, MessageType.Tattach, MessageType.Rattach, cancellationToken);
    }

    /// <summary>Twalk: walks from <paramref name="fid"/> along up to 16 names to a new fid (no names clones the fid).</summary>
    /// <param name="fid">Starting fid.</param>
    /// <param name="names">Path elements, at most 16.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>The new fid and the qids walked; a partial walk creates no fid.</returns>
    /// <exception cref="NinePException">The first element failed (e.g. ENOENT).</exception>
    public Task<WalkResult> WalkAsync(uint fid, ReadOnlySpan<byte[]> names, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(names.Length, NinePConstants.MaxWalkElements, nameof(names));
        var newFid = AllocateFid();
        var frame = EncodeForNewFid(newFid, new Twalk(fid, newFid, new WalkNames(names)));
        return WalkCoreAsync(frame, newFid, names.Length, cancellationToken);
    }

    /// <summary>Tlopen: opens <paramref name="fid"/>.</summary>
    /// <param name="fid">A walked, unopened fid.</param>
    /// <param name="flags">Linux open flags.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>Qid and iounit.</returns>
    public Task<OpenResult> LopenAsync(uint fid, OpenFlags flags, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tlopen(fid, flags)), MessageType.Tlopen, MessageType.Rlopen, ReplyParsers.Open, cancellationToken);

    /// <summary>Tlcreate: creates and opens a file in the directory <paramref name="fid"/>, which then names the new file.</summary>
    /// <param name="fid">Directory fid.</param>
    /// <param name="name">New file name.</param>
    /// <param name="flags">Linux open flags.</param>
    /// <param name="mode">Permission bits.</param>
    /// <param name="gid">Group.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>Qid and iounit.</returns>
    public Task<OpenResult> LcreateAsync(uint fid, ReadOnlySpan<byte> name, OpenFlags flags, uint mode, uint gid, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tlcreate(fid, name, flags, mode, gid)), MessageType.Tlcreate, MessageType.Rlcreate, ReplyParsers.Open, cancellationToken);

    /// <summary>
    /// Tread: reads into <paramref name="buffer"/> at <paramref name="offset"/>, in messages of at most
    /// <see cref="MaxIOSize"/> bytes, until the buffer is full or a short read (end of file).
    /// </summary>
    /// <param name="fid">Open fid.</param>
    /// <param name="offset">Byte offset.</param>
    /// <param name="buffer">Destination.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>Bytes read; fewer than the buffer at end of file.</returns>
    public async Task<int> ReadAsync(uint fid, ulong offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var chunk = buffer.Slice(total, Math.Min(buffer.Length - total, MaxIOSize));
            var pending = new PendingRead(chunk, _inlineContinuations);
            var read = await RequestAsync(Encode(new Tread(fid, offset + (ulong)total, (uint)chunk.Length)), default, pending, cancellationToken)
                .ConfigureAwait(false);
            total += read;
            if (read < chunk.Length)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Twrite: writes all of <paramref name="data"/> at <paramref name="offset"/> in messages of at most <see cref="MaxIOSize"/> bytes.</summary>
    /// <param name="fid">Open fid.</param>
    /// <param name="offset">Byte offset.</param>
    /// <param name="data">Bytes to write; sent from this memory without an intermediate copy.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>Bytes written (all of them).</returns>
    /// <exception cref="NinePProtocolException">The server wrote nothing, or claims more than was sent.</exception>
    public async Task<int> WriteAsync(uint fid, ulong offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var total = 0;
        do
        {
            var chunk = data.Slice(total, Math.Min(data.Length - total, MaxIOSize));
            var frame = Encode(new Twrite(fid, offset + (ulong)total, default));
            frame.PatchUInt32(0, (uint)(frame.WrittenCount + chunk.Length));
            frame.PatchUInt32(frame.WrittenCount - 4, (uint)chunk.Length);
            var pending = new PendingRequest<uint>(MessageType.Twrite, MessageType.Rwrite, ReplyParsers.Write, _inlineContinuations);
            var written = await RequestAsync(frame, chunk, pending, cancellationToken).ConfigureAwait(false);
            if ((written == 0 && chunk.Length > 0) || written > chunk.Length)
            {
                throw new NinePProtocolException($"Rwrite reported {written} of {chunk.Length} bytes");
            }

            total += (int)written;
        }
        while (total < data.Length);

        return total;
    }

    /// <summary>Tfsync: makes the file durable on the server.</summary>
    /// <param name="fid">Open fid.</param>
    /// <param name="dataOnly">True for fdatasync.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes when the server has synced.</returns>
    public Task FsyncAsync(uint fid, bool dataOnly = false, CancellationToken cancellationToken = default) =>
        RequestAsync(Encode(new Tfsync(fid, dataOnly ? 1u : 0u)), MessageType.Tfsync, MessageType.Rfsync, cancellationToken);

    /// <summary>Tclunk: forgets <paramref name="fid"/>. The fid is freed even if the server answers an error.</summary>
    /// <param name="fid">The fid.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rclunk.</returns>
    public Task ClunkAsync(uint fid, CancellationToken cancellationToken = default) =>
        ReleasingAsync(RequestAsync(Encode(new Tclunk(fid)), MessageType.Tclunk, MessageType.Rclunk, cancellationToken), fid);

    /// <summary>Tremove: removes the file and forgets <paramref name="fid"/>, which is freed even on error.</summary>
    /// <param name="fid">The fid.</param>
    /// <param name="cancellationToken">Stops waiting (the request is flushed).</param>
    /// <returns>A task that completes on Rremove.</returns>
    public Task RemoveAsync(uint fid, CancellationToken cancellationToken = default) =>
        ReleasingAsync(RequestAsync(Encode(new Tremove(fid)), MessageType.Tremove, MessageType.Rremove, cancellationToken), fid);

    private async Task ReleasingAsync(Task request, uint fid)
    {
        try
        {
            await request.ConfigureAwait(false);
        }
        catch (NinePException)
        {
            ReleaseFid(fid);
            throw;
        }

        ReleaseFid(fid);
    }

    private async Task<WalkResult> WalkCoreAsync(RentedBufferWriter frame, uint newFid, int nameCount, CancellationToken cancellationToken)
    {
        Qid[] qids;
        try
        {
            qids = await RequestAsync(frame, MessageType.Twalk, MessageType.Rwalk, ReplyParsers.Walk, cancellationToken).ConfigureAwait(false);
        }
        catch (NinePException)
        {
            ReleaseFid(newFid);
            throw;
        }

        if (qids.Length > nameCount || (nameCount > 0 && qids.Length == 0))
        {
            throw new NinePProtocolException($"Rwalk returned {qids.Length} qids for {nameCount} names");
        }

        if (qids.Length < nameCount)
        {
            ReleaseFid(newFid);
            return new WalkResult(NinePConstants.NoFid, qids);
        }

        return new WalkResult(newFid, qids);
    }

    private RentedBufferWriter EncodeForNewFid<T>(uint fid, scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        try
        {
            return Encode(message);
        }
        catch
        {
            ReleaseFid(fid);
            throw;
        }
    }

    private async Task<FidQid> WithNewFidAsync(uint fid, RentedBufferWriter frame, MessageType request, MessageType reply, CancellationToken cancellationToken)
    {
        try
        {
            var qid = await RequestAsync(frame, request, reply, ReplyParsers.Qid, cancellationToken).ConfigureAwait(false);
            return new FidQid(fid, qid);
        }
        catch (NinePException)
        {
            ReleaseFid(fid);
            throw;
        }
    }
}
