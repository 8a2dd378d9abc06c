using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>The commands, each run on its own once admitted; every one ends with exactly one reply (or none when the client is gone).</summary>
internal sealed partial class NbdSession
{
    /// <summary>WRITE_ZEROES with NO_HOLE writes from this shared, never-written buffer.</summary>
    private static readonly byte[] Zeros = new byte[1024 * 1024];

    private async Task ExecuteAsync(NbdExport export, RequestHeader request, byte[]? payload, int payloadBytes, bool mutation)
    {
        byte[]? readBuffer = null;
        try
        {
            NbdError error;
            switch (request.Command)
            {
                case NbdCommand.Read:
                    readBuffer = Rent(payloadBytes);
                    error = await ReadAsync(export, request, readBuffer.AsMemory(0, payloadBytes)).ConfigureAwait(false);
                    break;
                case NbdCommand.Write:
                    error = await WriteAsync(export, request, payload.AsMemory(0, payloadBytes)).ConfigureAwait(false);
                    break;
                case NbdCommand.Flush:
                    error = NbdErrorMap.ToNbdError(await _fs.SyncAsync(_closing.Token).ConfigureAwait(false));
                    break;
                case NbdCommand.Trim:
                    error = await TrimAsync(export, request).ConfigureAwait(false);
                    break;
                case NbdCommand.WriteZeroes:
                    error = await WriteZeroesAsync(export, request).ConfigureAwait(false);
                    break;
                default:
                    // NBD_CMD_CACHE: the range was checked; the engine's caches fill on the reads that follow.
                    error = NbdError.None;
                    break;
            }

            if (error != NbdError.None)
            {
                NbdMetrics.Errors.Add(1, NbdMetrics.CommandTag(request.Command));
            }
            else if (request.Command == NbdCommand.Read)
            {
                NbdMetrics.BytesRead.Add(payloadBytes);
            }

            var data = error == NbdError.None && readBuffer is not null ? readBuffer.AsMemory(0, payloadBytes) : default;
            await ReplyAsync(error, request.Cookie, data).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The session is closing: nobody is left to reply to.
        }
        catch (Exception exception)
        {
            // Engine failures (store unreachable, corruption, fenced writer) are EIO for this request only.
            NbdLog.RequestFailed(_logger, _id, NbdMetrics.CommandName(request.Command), request.Offset, request.Length, exception);
            NbdMetrics.Errors.Add(1, NbdMetrics.CommandTag(request.Command));
            await ReplyAsync(NbdError.IO, request.Cookie, default).ConfigureAwait(false);
        }
        finally
        {
            Return(payload);
            Return(readBuffer);
            _tracker.Finish(payloadBytes, mutation);
        }
    }

    private async ValueTask<NbdError> ReadAsync(NbdExport export, RequestHeader request, Memory<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return NbdError.None;
        }

        var read = await _fs.ReadAsync(Root, export.Id, (long)request.Offset, buffer, _closing.Token).ConfigureAwait(false);
        if (!read.IsOk)
        {
            return NbdErrorMap.ToNbdError(read.Status);
        }

        // The file may have shrunk since negotiation; the export keeps its size and reads zeros there.
        buffer.Span[read.Value.Count..].Clear();
        return NbdError.None;
    }

    private async ValueTask<NbdError> WriteAsync(NbdExport export, RequestHeader request, ReadOnlyMemory<byte> data)
    {
        var written = await _fs.WriteAsync(Root, export.Id, (long)request.Offset, data, _closing.Token).ConfigureAwait(false);
        return written.IsOk ? await FuaAsync(export, request).ConfigureAwait(false) : NbdErrorMap.ToNbdError(written.Status);
    }

    /// <summary>TRIM deletes the whole chunks in the range and zeroes the partial ones, so compaction and GC give the space back.</summary>
    private async ValueTask<NbdError> TrimAsync(NbdExport export, RequestHeader request)
    {
        var status = await _fs.DeallocateAsync(Root, export.Id, (long)request.Offset, request.Length, _closing.Token).ConfigureAwait(false);
        return status == FsStatus.Ok ? await FuaAsync(export, request).ConfigureAwait(false) : NbdErrorMap.ToNbdError(status);
    }

    /// <summary>WRITE_ZEROES punches a hole like TRIM, or with NO_HOLE writes real zeros so the range stays allocated.</summary>
    private async ValueTask<NbdError> WriteZeroesAsync(NbdExport export, RequestHeader request)
    {
        if ((request.Flags & CommandFlags.NoHole) == 0)
        {
            return await TrimAsync(export, request).ConfigureAwait(false);
        }

        var position = (long)request.Offset;
        var end = position + request.Length;
        while (position < end)
        {
            // Pieces end on 1 MiB boundaries, so only the first and last can be partial chunks.
            var count = (int)Math.Min(end - position, Zeros.Length - (position & (Zeros.Length - 1)));
            var written = await _fs.WriteAsync(Root, export.Id, position, Zeros.AsMemory(0, count), _closing.Token).ConfigureAwait(false);
            if (!written.IsOk)
            {
                return NbdErrorMap.ToNbdError(written.Status);
            }

            position += count;
        }

        return await FuaAsync(export, request).ConfigureAwait(false);
    }

    /// <summary>With NBD_CMD_FLAG_FUA, waits for the durability barrier before the reply.</summary>
    private async ValueTask<NbdError> FuaAsync(NbdExport export, RequestHeader request)
    {
        if ((request.Flags & CommandFlags.Fua) == 0)
        {
            return NbdError.None;
        }

        return NbdErrorMap.ToNbdError(await _fs.FsyncAsync(export.Id, _closing.Token).ConfigureAwait(false));
    }
}
