using System.Buffers;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Rpc;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// One connection: a single read loop that frames records and starts each call as soon as it is
/// complete, up to <see cref="NfsServerOptions.MaxRequestsInFlight"/> at once; replies go out in
/// the order calls finish, one whole record at a time. A record larger than the limit closes the
/// connection (its framing can no longer be trusted); anything else malformed gets an RPC error and
/// the connection carries on.
/// </summary>
internal sealed class NfsSession
{
    private readonly RpcDispatcher _dispatcher;
    private readonly IDuplexPipe _transport;
    private readonly int _localPort;
    private readonly ILogger _logger;
    private readonly int _maxRecord;
    private readonly int _maxInFlight;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Stack<NfsCall> _idle = new();
    private uint[]? _lastGroups;
    private bool _outputBroken;

    public NfsSession(RpcDispatcher dispatcher, IDuplexPipe transport, int localPort, NfsServerOptions options, ILogger logger)
    {
        _dispatcher = dispatcher;
        _transport = transport;
        _localPort = localPort;
        _logger = logger;
        _maxRecord = options.MaxRecordSize;
        _maxInFlight = options.MaxRequestsInFlight;
        _slots = new SemaphoreSlim(_maxInFlight, _maxInFlight);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var input = _transport.Input;
        try
        {
            await ReadLoopAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            NfsLog.TransportFailed(_logger, ex);
        }
        finally
        {
            // Let every call in flight finish (its reply may still go out) before the pipes close.
            for (var i = 0; i < _maxInFlight; i++)
            {
                await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            lock (_idle)
            {
                while (_idle.TryPop(out var call))
                {
                    call.Release();
                }
            }

            await input.CompleteAsync().ConfigureAwait(false);
            await _transport.Output.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (true)
                {
                    var status = RecordMarking.TryReadRecord(buffer, _maxRecord, out var length, out var end);
                    if (status == OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    if (status != OperationStatus.Done)
                    {
                        NfsLog.RecordTooLarge(_logger, _maxRecord);
                        NfsMetrics.RpcErrors.Add(1, new KeyValuePair<string, object?>("kind", "record_too_large"));
                        return;
                    }

                    await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    var call = Rent();
                    call.Load(buffer.Slice(0, end), length);
                    buffer = buffer.Slice(end);
                    _ = ProcessAsync(call, cancellationToken);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private async Task ProcessAsync(NfsCall call, CancellationToken cancellationToken)
    {
        try
        {
            await _dispatcher.DispatchAsync(call, this, cancellationToken).ConfigureAwait(false);
            if (call.Reply.HasReply && !_outputBroken)
            {
                call.Reply.Finish();
                await WriteAsync(call.Reply.Record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A reply that cannot be written means the connection is gone; the read loop notices.
            _outputBroken = true;
            NfsLog.TransportFailed(_logger, ex);
        }
        finally
        {
            Return(call);
            _slots.Release();
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var output = _transport.Output;
            output.Write(record.Span);
            var flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted)
            {
                _outputBroken = true;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Credentials for AUTH_SYS parameters, reusing the previous call's group array when the groups are the same.</summary>
    public Credentials CredentialsFor(in AuthSysCredentials auth)
    {
        var groups = auth.Groups;
        if (groups.IsEmpty)
        {
            return new Credentials(auth.Uid, auth.Gid);
        }

        var cached = Volatile.Read(ref _lastGroups);
        if (cached is null || !groups.SequenceEqual(cached))
        {
            cached = groups.ToArray();
            Volatile.Write(ref _lastGroups, cached);
        }

        return new Credentials(auth.Uid, auth.Gid, cached);
    }

    private NfsCall Rent()
    {
        NfsCall? call;
        lock (_idle)
        {
            _idle.TryPop(out call);
        }

        call ??= new NfsCall();
        call.LocalPort = _localPort;
        return call;
    }

    private void Return(NfsCall call)
    {
        call.Recycle();
        lock (_idle)
        {
            _idle.Push(call);
        }
    }
}
