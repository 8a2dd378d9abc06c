using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Server.Fids;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>
/// One connection: a single read loop parses frames and starts each request at once (up to
/// <see cref="NinePServerOptions.MaxRequestsInFlight"/>, then reading pauses); requests run
/// concurrently and their replies are written by whoever holds the write lock, in the order they finish.
/// </summary>
/// <remarks>
/// Ordering guarantees: a request leaves the in-flight table while its reply is being written under the
/// write lock, before the flush that makes the reply visible, so (a) a client can reuse a tag only after
/// the server forgot it, and (b) a Tflush that finds its old tag gone writes Rflush after that reply.
/// </remarks>
internal sealed partial class NinePSession
{
    private readonly NinePServer _server;
    private readonly PosixFileSystem _fs;
    private readonly NinePServerOptions _options;
    private readonly ILogger _logger;
    private readonly IDuplexPipe _transport;
    private readonly long _id;
    private readonly Lock _sync = new();
    private readonly Dictionary<uint, Fid> _fids = [];
    private readonly Dictionary<ushort, NinePRequest> _inFlight = [];
    private readonly Stack<NinePRequest> _pool = new();
    private readonly SemaphoreSlim _requestSlots;
    private readonly SemaphoreSlim _flushSlots;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private uint _messageSize;
    private bool _outputFailed;

    public NinePSession(NinePServer server, IDuplexPipe transport, long id)
    {
        _server = server;
        _fs = server.FileSystem;
        _options = server.Options;
        _logger = server.Logger;
        _transport = transport;
        _id = id;
        _requestSlots = new SemaphoreSlim(_options.MaxRequestsInFlight, _options.MaxRequestsInFlight);
        _flushSlots = new SemaphoreSlim(_options.MaxRequestsInFlight, _options.MaxRequestsInFlight);
    }

    /// <summary>The negotiated msize, or 0 before a successful Tversion.</summary>
    private uint MessageSize => Volatile.Read(ref _messageSize);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        NinePServerMetrics.Sessions.Add(1);
        NinePServerLog.SessionStarted(_logger, _id);
        string reason;
        try
        {
            reason = await ReadLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = "cancelled";
        }
        catch (Exception exception)
        {
            // Transport failures; the session still releases everything below.
            NinePServerLog.ConnectionFailed(_logger, _id, exception);
            reason = "connection failed";
        }

        await ShutdownAsync().ConfigureAwait(false);
        NinePServerLog.SessionEnded(_logger, _id, reason);
        NinePServerMetrics.Sessions.Add(-1);
    }

    private async Task<string> ReadLoopAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var rejected = false;
            try
            {
                while (true)
                {
                    // The limit applies as soon as the 4 size bytes are in: an oversized frame is never buffered.
                    var limit = MessageSize == 0 ? NinePServerOptions.PreNegotiationMessageSize : MessageSize;
                    var status = NinePFrame.TryReadFrame(buffer, limit, out var header, out var end);
                    if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status == OperationStatus.InvalidData)
                    {
                        NinePServerLog.FrameRejected(_logger, _id, limit);
                        rejected = true;
                        break;
                    }

                    await DispatchAsync(buffer.Slice(0, end), header, cancellationToken).ConfigureAwait(false);
                    buffer = buffer.Slice(end);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (rejected)
            {
                return "framing violation";
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return buffer.IsEmpty ? "end of stream" : "end of stream mid-frame";
            }
        }
    }

    /// <summary>Starts one request; waits for a free slot first, which is what pauses reading under load.</summary>
    private async ValueTask DispatchAsync(ReadOnlySequence<byte> frame, FrameHeader header, CancellationToken cancellationToken)
    {
        var timestamp = Stopwatch.GetTimestamp();
        if (header.Type == MessageType.Tversion)
        {
            await VersionAsync(frame, header, timestamp).ConfigureAwait(false);
            return;
        }

        var slots = header.Type == MessageType.Tflush ? _flushSlots : _requestSlots;
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var request = Rent();
        request.Load(frame, header, timestamp);
        bool registered;
        lock (_sync)
        {
            registered = _inFlight.TryAdd(header.Tag, request);
            request.IsRegistered = registered;
        }

        if (!registered)
        {
            NinePServerLog.DuplicateTag(_logger, _id, header.Tag);
            request.Error(P9Errno.EPROTO);
        }

        _ = ExecuteAsync(request, slots);
    }

    private async Task ExecuteAsync(NinePRequest request, SemaphoreSlim slots)
    {
        try
        {
            if (request.IsRegistered)
            {
                try
                {
                    await HandleAsync(request).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (request.Cancellation.IsCancellationRequested)
                {
                    // Flushed or the session is ending: no reply (the filesystem never tears a commit on cancellation).
                    request.Reply.Reset();
                }
                catch (Exception exception)
                {
                    // A bug or an engine failure (store unreachable, fenced): this request fails, the session goes on.
                    NinePServerLog.RequestFailed(_logger, _id, request.Type, exception);
                    request.Error(P9Errno.EIO);
                }
            }

            await SendAsync(request).ConfigureAwait(false);
            var tag = NinePServerMetrics.TypeTag(request.Type);
            NinePServerMetrics.Requests.Add(1, tag);
            if (NinePServerMetrics.Duration.Enabled)
            {
                NinePServerMetrics.Duration.Record(Stopwatch.GetElapsedTime(request.StartTimestamp).TotalSeconds, tag);
            }
        }
        finally
        {
            Return(request);
            slots.Release();
        }
    }

    /// <summary>
    /// Writes the request's reply, if it has one, and retires its tag under the write lock, then makes the
    /// reply visible. Never throws: a failed output only stops further replies.
    /// </summary>
    private async ValueTask SendAsync(NinePRequest request)
    {
        var hasReply = request.Reply.WrittenCount > 0;
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (hasReply && !_outputFailed)
            {
                try
                {
                    _transport.Output.Write(request.Reply.WrittenSpan);
                }
                catch (Exception)
                {
                    _outputFailed = true;
                }
            }

            Retire(request);
            if (hasReply && !_outputFailed && !_closing.IsCancellationRequested)
            {
                try
                {
                    var result = await _transport.Output.FlushAsync(_closing.Token).ConfigureAwait(false);
                    _outputFailed |= result.IsCompleted;
                }
                catch (Exception)
                {
                    // Closing (the peer stopped reading) or the transport failed; the final Complete publishes what was written.
                    _outputFailed |= !_closing.IsCancellationRequested;
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Retire(NinePRequest request)
    {
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            if (request.IsRegistered && _inFlight.TryGetValue(request.Tag, out var current) && ReferenceEquals(current, request))
            {
                _inFlight.Remove(request.Tag);
            }

            request.IsRegistered = false;
            waiter = request.FlushWaiter;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Cancels every request in flight and waits until all have retired.</summary>
    private async Task DrainAsync()
    {
        await CancelInFlightAsync().ConfigureAwait(false);
        for (var i = 0; i < _options.MaxRequestsInFlight; i++)
        {
            await _requestSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            await _flushSlots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _requestSlots.Release(_options.MaxRequestsInFlight);
        _flushSlots.Release(_options.MaxRequestsInFlight);
    }

    private async Task CancelInFlightAsync()
    {
        List<CancellationTokenSource> cancel;
        lock (_sync)
        {
            cancel = new List<CancellationTokenSource>(_inFlight.Count);
            foreach (var request in _inFlight.Values)
            {
                cancel.Add(request.ShareCancellation());
            }
        }

        foreach (var source in cancel)
        {
            await source.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ShutdownAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
        await ReleaseAllFidsAsync().ConfigureAwait(false);
        _server.Locks.ReleaseSession(_id);
        await _transport.Output.CompleteAsync().ConfigureAwait(false);
        await _transport.Input.CompleteAsync().ConfigureAwait(false);
        lock (_sync)
        {
            while (_pool.TryPop(out var pooled))
            {
                pooled.Reply.Release();
                pooled.Cancellation.Dispose();
            }
        }

        _closing.Dispose();
    }

    private NinePRequest Rent()
    {
        lock (_sync)
        {
            return _pool.TryPop(out var request) ? request : new NinePRequest();
        }
    }

    private void Return(NinePRequest request)
    {
        request.Recycle();
        lock (_sync)
        {
            _pool.Push(request);
        }
    }
}
