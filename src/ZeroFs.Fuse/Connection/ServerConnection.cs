using Microsoft.Extensions.Logging;
using ZeroFs.NineP.Client;

namespace ZeroFs.Fuse.Connection;

/// <summary>
/// Keeps a <see cref="ServerSession"/> alive: connects at mount time (failing loudly), and when the
/// connection drops reconnects in the background with exponential backoff (100 ms doubling to 5 s)
/// until it succeeds or the mount ends. Callers that need the server while it is away wait up to
/// <see cref="FuseMountOptions.ReconnectWait"/> and then fail (EIO), so nothing hangs forever.
/// </summary>
internal sealed class ServerConnection : IAsyncDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly FuseMountOptions _options;
    private readonly byte[] _attachName;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private ServerSession _current;
    private Task<ServerSession>? _reconnecting;

    private ServerConnection(FuseMountOptions options, byte[] attachName, ServerSession first, ILogger logger, TimeProvider time)
    {
        _options = options;
        _attachName = attachName;
        _current = first;
        _logger = logger;
        _time = time;
    }

    /// <summary>The session in use now (possibly closed; <see cref="GetAsync"/> waits for a live one).</summary>
    public ServerSession Current => Volatile.Read(ref _current);

    /// <summary>Connects for the first time; failures propagate (the mount must not start without a server).</summary>
    public static async Task<ServerConnection> ConnectAsync(FuseMountOptions options, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var attachName = System.Text.Encoding.UTF8.GetBytes(options.AttachName);
        var client = await ConnectOnceAsync(options, cancellationToken).ConfigureAwait(false);
        FuseLog.Connected(logger, options.Endpoint, client.MessageSize);
        return new ServerConnection(options, attachName, new ServerSession(client, 1, attachName), logger, time);
    }

    /// <summary>A live session: the current one, or the next one once the reconnect succeeds.</summary>
    /// <exception cref="NinePConnectionClosedException">The server stayed away longer than the reconnect wait, or the mount is ending.</exception>
    public ValueTask<ServerSession> GetAsync()
    {
        var session = Current;
        return session.IsClosed ? new ValueTask<ServerSession>(WaitForReconnectAsync(session)) : new ValueTask<ServerSession>(session);
    }

    /// <summary>Reports that <paramref name="session"/> failed a request with a closed connection; starts a reconnect if it is still current.</summary>
    public void ReportBroken(ServerSession session)
    {
        _ = GetReconnectAsync(session);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task<ServerSession>? reconnecting;
        lock (_sync)
        {
            reconnecting = _reconnecting;
        }

        if (reconnecting is not null)
        {
            try
            {
                await reconnecting.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }

        // _stopping is left undisposed on purpose: late callers still read its token and must see "stopped".
        await Current.Client.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<NinePClient> ConnectOnceAsync(FuseMountOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var clientOptions = new NinePClientOptions { MessageSize = options.MessageSize, InlineContinuations = true };
        return await NinePClient.ConnectAsync(options.Endpoint, clientOptions, timeout.Token).ConfigureAwait(false);
    }

    private async Task<ServerSession> WaitForReconnectAsync(ServerSession broken)
    {
        var reconnect = GetReconnectAsync(broken);
        try
        {
            return await reconnect.WaitAsync(_options.ReconnectWait, _time).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new NinePConnectionClosedException($"the server at {_options.Endpoint} has been unreachable for {_options.ReconnectWait.TotalSeconds:0} s", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new NinePConnectionClosedException("the mount is ending", ex);
        }
    }

    private Task<ServerSession> GetReconnectAsync(ServerSession broken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return Task.FromException<ServerSession>(new NinePConnectionClosedException("the mount is ending"));
        }

        lock (_sync)
        {
            if (!ReferenceEquals(_current, broken))
            {
                return Task.FromResult(_current);
            }

            if (_reconnecting is null || _reconnecting.IsCompleted)
            {
                FuseLog.ConnectionLost(_logger, _options.Endpoint, null);
                _reconnecting = ReconnectAsync(broken);
            }

            return _reconnecting;
        }
    }

    private async Task<ServerSession> ReconnectAsync(ServerSession broken)
    {
        await Task.Yield();
        await broken.Client.DisposeAsync().ConfigureAwait(false);
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            _stopping.Token.ThrowIfCancellationRequested();
            try
            {
                var client = await ConnectOnceAsync(_options, _stopping.Token).ConfigureAwait(false);
                var session = new ServerSession(client, broken.Generation + 1, _attachName);
                lock (_sync)
                {
                    Volatile.Write(ref _current, session);
                }

                FuseLog.Reconnected(_logger, _options.Endpoint, attempt, session.Generation);
                return session;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested)
            {
                FuseLog.ReconnectFailed(_logger, attempt, _options.Endpoint, ex.Message, (long)delay.TotalMilliseconds);
            }

            await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }
}
