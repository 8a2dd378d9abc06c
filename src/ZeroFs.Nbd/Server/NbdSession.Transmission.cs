using System.Buffers;
using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>
/// The transmission read loop: one request header at a time, checked before anything is buffered or
/// changed; admitted requests run concurrently and reply as they finish.
/// </summary>
internal sealed partial class NbdSession
{
    private async Task TransmitAsync(NbdExport export)
    {
        // An open handle keeps the file's data if it is unlinked while this session uses it.
        _fs.OpenHandle(export.Id);
        try
        {
            await RequestLoopAsync(export).ConfigureAwait(false);
        }
        finally
        {
            // NBD_CMD_DISC and a vanished client alike: let every admitted request finish first.
            await _tracker.WaitForIdleAsync(CancellationToken.None).ConfigureAwait(false);
            await _fs.ReleaseAsync(export.Id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RequestLoopAsync(NbdExport export)
    {
        while (true)
        {
            var result = await _input.ReadAtLeastAsync(NbdConstants.RequestHeaderLength, _closing.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = RequestHeader.TryRead(buffer, out var request);
            if (status != OperationStatus.Done)
            {
                _input.AdvanceTo(buffer.Start, buffer.End);
                if (status == OperationStatus.InvalidData)
                {
                    Violation("a request did not start with NBD_REQUEST_MAGIC");
                }
                else if (!buffer.IsEmpty)
                {
                    NbdLog.DisconnectedMidRequest(_logger, _id);
                }

                return;
            }

            _input.AdvanceTo(buffer.GetPosition(NbdConstants.RequestHeaderLength));
            NbdMetrics.Requests.Add(1, NbdMetrics.CommandTag(request.Command));
            if (request.Command == NbdCommand.Disconnect)
            {
                return;
            }

            if (!await AdmitAsync(export, request).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Checks a request, receives a WRITE's payload, and starts it; false when the session is over.</summary>
    private async ValueTask<bool> AdmitAsync(NbdExport export, RequestHeader request)
    {
        var error = Check(export, request);
        var command = request.Command;
        if (error != NbdError.None)
        {
            // A refused WRITE's payload is still on the wire: skip it without buffering, so the
            // stream stays framed and the refusal has no effect.
            if (command == NbdCommand.Write && !await DrainAsync(request.Length).ConfigureAwait(false))
            {
                NbdLog.DisconnectedMidRequest(_logger, _id);
                return false;
            }

            NbdMetrics.Errors.Add(1, NbdMetrics.CommandTag(command));
            await ReplyAsync(error, request.Cookie, default).ConfigureAwait(false);
            return true;
        }

        if (command == NbdCommand.Flush)
        {
            // Every write received before the FLUSH completes first, so the flush covers it.
            await _tracker.WaitForNoMutationsAsync(_closing.Token).ConfigureAwait(false);
        }

        var payloadBytes = command is NbdCommand.Read or NbdCommand.Write ? (int)request.Length : 0;
        await _tracker.WaitForRoomAsync(payloadBytes, _closing.Token).ConfigureAwait(false);
        byte[]? payload = null;
        if (command == NbdCommand.Write)
        {
            payload = Rent(payloadBytes);
            if (!await ReceiveAsync(payload.AsMemory(0, payloadBytes)).ConfigureAwait(false))
            {
                Return(payload);
                NbdLog.DisconnectedMidRequest(_logger, _id);
                return false;
            }

            NbdMetrics.BytesWritten.Add(payloadBytes);
        }

        var mutation = IsMutation(command);
        _tracker.Start(payloadBytes, mutation);
        _ = ExecuteAsync(export, request, payload, payloadBytes, mutation);
        return true;
    }

    /// <summary>
    /// Everything that can be refused from the header alone, so a refused request has no effect:
    /// flags, commands, read-only exports, payload limits, range and alignment.
    /// </summary>
    private NbdError Check(NbdExport export, in RequestHeader request)
    {
        var command = request.Command;
        CommandFlags allowed;
        switch (command)
        {
            case NbdCommand.Read:
            case NbdCommand.Write:
            case NbdCommand.Flush:
            case NbdCommand.Trim:
            case NbdCommand.Cache:
                allowed = CommandFlags.Fua; // FUA is valid on every command once SEND_FUA is advertised
                break;
            case NbdCommand.WriteZeroes:
                allowed = CommandFlags.Fua | CommandFlags.NoHole | CommandFlags.FastZero;
                break;
            default:
                return NbdError.InvalidArgument;
        }

        if ((request.Flags & ~allowed) != 0)
        {
            return NbdError.InvalidArgument;
        }

        if (command == NbdCommand.Flush)
        {
            return NbdError.None;
        }

        if (IsMutation(command) && (export.Flags & TransmissionFlags.ReadOnly) != 0)
        {
            return NbdError.NotPermitted;
        }

        if (command is NbdCommand.Read or NbdCommand.Write && request.Length > (uint)_maxPayload)
        {
            return NbdError.InvalidArgument;
        }

        var size = (ulong)export.Size;
        if (request.Offset > size || request.Length > size - request.Offset)
        {
            // The spec's choice: writing past the end is "no space", reading or trimming is invalid.
            return command is NbdCommand.Write or NbdCommand.WriteZeroes ? NbdError.NoSpace : NbdError.InvalidArgument;
        }

        if (_minimumBlockSize > 1)
        {
            var mask = (ulong)_minimumBlockSize - 1;
            if ((request.Offset & mask) != 0 || ((request.Length & mask) != 0 && request.Offset + request.Length != size))
            {
                return NbdError.InvalidArgument;
            }
        }

        if (command == NbdCommand.WriteZeroes && (request.Flags & (CommandFlags.FastZero | CommandFlags.NoHole)) == (CommandFlags.FastZero | CommandFlags.NoHole))
        {
            // Writing real zeros is no faster than a WRITE: a fast-zero request must fail fast, untouched.
            return NbdError.NotSupported;
        }

        return NbdError.None;
    }

    private static bool IsMutation(NbdCommand command) => command is NbdCommand.Write or NbdCommand.Trim or NbdCommand.WriteZeroes;

    private static Credentials Root => Credentials.Root;
}
