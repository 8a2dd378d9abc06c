using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZeroFs.Hosting.Serving;

/// <summary>
/// The protocol servers mounted on Kestrel as connection handlers (STYLE.md §4.3): Kestrel owns the
/// accept loops, pooled pipe memory and graceful shutdown; each connection runs the protocol's
/// handler. No HTTP is served here, and there is no generic host, so nothing besides the CLI
/// handles signals.
/// </summary>
internal sealed class ProtocolListeners : IAsyncDisposable
{
    private readonly KestrelServer _server;
    private readonly List<(string Protocol, ListenOptions Listen)> _listens;
    private readonly ServiceProvider _services;

    private ProtocolListeners(KestrelServer server, List<(string, ListenOptions)> listens, ServiceProvider services)
    {
        _server = server;
        _listens = listens;
        _services = services;
    }

    /// <summary>The bound endpoints as <c>"protocol address"</c> strings, with real ports when port 0 was asked for.</summary>
    public IReadOnlyList<string> Endpoints => _listens
        .Select(l => l.Listen.SocketPath is { } path ? $"{l.Protocol} unix:{path}" : $"{l.Protocol} {l.Listen.IPEndPoint}")
        .ToArray();

    /// <summary>The bound TCP endpoint of each protocol, in configuration order.</summary>
    public IReadOnlyList<(string Protocol, IPEndPoint EndPoint)> TcpEndpoints => _listens
        .Where(l => l.Listen.IPEndPoint is not null)
        .Select(l => (l.Protocol, l.Listen.IPEndPoint!))
        .ToArray();

    /// <summary>Binds every listener and starts accepting.</summary>
    /// <exception cref="ZeroFsHostException">An address is in use or cannot be bound, or a socket path is held by a live server or by a non-socket file.</exception>
    public static async Task<ProtocolListeners> StartAsync(
        IReadOnlyList<ProtocolBinding> bindings, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection().AddSingleton(loggerFactory).BuildServiceProvider();
        var options = new KestrelServerOptions { ApplicationServices = services, AddServerHeader = false };
        var listens = new List<(string, ListenOptions)>();
        foreach (var binding in bindings)
        {
            var handler = binding.Handler;
            foreach (var address in binding.Addresses)
            {
                options.Listen(address, listen =>
                {
                    listen.Run(handler.OnConnectedAsync);
                    listens.Add((binding.Protocol, listen));
                });
            }

            if (binding.UnixSocket is { } path)
            {
                PrepareSocketPath(binding.Protocol, path);
                options.ListenUnixSocket(path, listen =>
                {
                    listen.Run(handler.OnConnectedAsync);
                    listens.Add((binding.Protocol, listen));
                });
            }
        }

        // Inline scheduling: a request is read, served and answered on the thread whose socket receive
        // completed, instead of hopping to the thread pool for the read loop and again for the send. Every
        // handler here is asynchronous (none blocks the thread), which is what makes that safe; on these
        // machines each hop is a context switch that costs more than serving a cached Tgetattr.
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions { UnsafePreferInlineScheduling = true }), loggerFactory);
        var server = new KestrelServer(Options.Create(options), transport, loggerFactory);
        try
        {
            await server.StartAsync(new NoHttpApplication(), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            server.Dispose();
            await services.DisposeAsync().ConfigureAwait(false);
            throw new ZeroFsHostException(
                $"cannot listen: {ex.Message} (another process may hold the address; change [servers] addresses or stop it)",
                isUsageError: false,
                ex);
        }

        return new ProtocolListeners(server, listens, services);
    }

    /// <summary>Stops accepting, asks open connections to close and waits for them until <paramref name="cancellationToken"/> fires (then aborts them).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _server.Dispose();
        await _services.DisposeAsync().ConfigureAwait(false);
        foreach (var (_, listen) in _listens)
        {
            if (listen.SocketPath is { } path)
            {
                TryDelete(path);
            }
        }
    }

    // A socket file left by a process that died is replaced; a live server's socket, or any other
    // kind of file at the path, is an error rather than something to delete.
    private static void PrepareSocketPath(string protocol, string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            var parent = Path.GetDirectoryName(Path.GetFullPath(path));
            if (parent is not null && !Directory.Exists(parent))
            {
                throw new ZeroFsHostException(
                    $"[servers.{protocol}] unix_socket \"{path}\": the directory {parent} does not exist", isUsageError: true);
            }

            return;
        }

        if (!UnixSocketFile.IsSocket(path))
        {
            throw new ZeroFsHostException(
                $"[servers.{protocol}] unix_socket \"{path}\" exists and is not a socket; remove it or choose another path", isUsageError: true);
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new ZeroFsHostException(
                    $"[servers.{protocol}] unix_socket \"{path}\" is in use by a running server; stop it or choose another path", isUsageError: false);
            }
            catch (SocketException)
            {
                // Nobody answers: a stale socket from a process that died.
            }
        }

        File.Delete(path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover socket file is replaced at the next start.
        }
    }

    /// <summary>Kestrel wants an HTTP application even when every listener runs a connection handler instead; none of it is ever called.</summary>
    private sealed class NoHttpApplication : IHttpApplication<IFeatureCollection>
    {
        public IFeatureCollection CreateContext(IFeatureCollection contextFeatures) => contextFeatures;

        public Task ProcessRequestAsync(IFeatureCollection context) => Task.CompletedTask;

        public void DisposeContext(IFeatureCollection context, Exception? exception)
        {
        }
    }
}
