using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;

namespace ZeroFs.Nbd.Server;

/// <summary>
/// One client connection: the negotiation (<c>NbdSession.Negotiation.cs</c>), then the transmission
/// read loop (<c>NbdSession.Transmission.cs</c>) that admits requests and runs them concurrently
/// (<c>NbdSession.Commands.cs</c>), replies being serialised by one write lock
/// (<c>NbdSession.Replies.cs</c>).
/// </summary>
internal sealed partial class NbdSession
{
    private readonly NbdServer _server;
    private readonly PosixFileSystem _fs;
    private readonly ILogger _logger;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly long _id;
    private readonly int _maxPayload;
    private readonly int _minimumBlockSize;
    private readonly int _maxOptionLength;

    // Cancelled when the host stops the connection or the client can no longer be written to.
    private readonly CancellationTokenSource _closing;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly InFlightTracker _tracker;

    public NbdSession(NbdServer server, IDuplexPipe transport, long id, CancellationToken cancellationToken)
    {
        _server = server;
        _fs = server.FileSystem;
        _logger = server.Logger;
        _input = transport.Input;
        _output = transport.Output;
        _id = id;
        var options = server.Options;
        _maxPayload = options.MaxPayload;
        _minimumBlockSize = options.MinimumBlockSize;
        _maxOptionLength = options.MaxOptionLength;
        _tracker = new InFlightTracker(options.MaxRequestsInFlight, options.MaxBytesInFlight);
        _closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public async Task RunAsync()
    {
        NbdMetrics.ActiveSessions.Add(1);
        NbdLog.SessionStarted(_logger, _id);
        try
        {
            var export = await NegotiateAsync().ConfigureAwait(false);
            if (export is not null)
            {
                await TransmitAsync(export).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // The host closed the connection, or the client stopped reading replies.
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            NbdLog.TransportFailed(_logger, _id, exception);
        }
        catch (Exception exception)
        {
            NbdLog.SessionFailed(_logger, _id, exception);
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
            _closing.Dispose();
            _writeLock.Dispose();
            NbdMetrics.ActiveSessions.Add(-1);
            NbdLog.SessionEnded(_logger, _id);
        }
    }

    private void Violation(string reason) => NbdLog.ProtocolViolation(_logger, _id, reason);

    /// <summary>Copies exactly <paramref name="destination"/>.Length bytes from the input, a segment at a time; false when the client left first.</summary>
    private async ValueTask<bool> ReceiveAsync(Memory<byte> destination)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = (int)Math.Min(buffer.Length, destination.Length - filled);
            buffer.Slice(0, take).CopyTo(destination.Span[filled..]);
            filled += take;
            var consumed = buffer.GetPosition(take);
            _input.AdvanceTo(consumed, take == buffer.Length ? buffer.End : consumed);
            if (filled < destination.Length && (result.IsCompleted || result.IsCanceled))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Discards <paramref name="count"/> input bytes without buffering them; false when the client left first.</summary>
    private async ValueTask<bool> DrainAsync(long count)
    {
        while (count > 0)
        {
            var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = Math.Min(buffer.Length, count);
            count -= take;
            var consumed = buffer.GetPosition(take);
            _input.AdvanceTo(consumed, take == buffer.Length ? buffer.End : consumed);
            if (count > 0 && (result.IsCompleted || result.IsCanceled))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Flushes what the negotiation wrote; false when the client is gone.</summary>
    private async ValueTask<bool> FlushNegotiationAsync()
    {
        var result = await _output.FlushAsync(_closing.Token).ConfigureAwait(false);
        return !result.IsCompleted && !result.IsCanceled;
    }

    private static byte[] Rent(int length) => length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);

    private static void Return(byte[]? buffer)
    {
        if (buffer is { Length: > 0 })
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
