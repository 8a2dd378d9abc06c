using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using ZeroFs.Nbd.Server;

namespace ZeroFs.Nbd.Tests.Clients;

/// <summary>A minimal Kestrel server with the NBD handler on a loopback TCP port and a Unix socket, as the host will mount it.</summary>
internal sealed class KestrelNbdHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelNbdHost(WebApplication app, int port, string socketPath)
    {
        _app = app;
        Port = port;
        SocketPath = socketPath;
    }

    public int Port { get; }

    public string SocketPath { get; }

    public string TcpUri(string export = "") => $"nbd://127.0.0.1:{Port}/{export}";

    public string UnixUri(string export = "") => $"nbd+unix:///{export}?socket={SocketPath}";

    public static async Task<KestrelNbdHost> StartAsync(NbdServer server, string socketPath)
    {
        var handler = new NbdConnectionHandler(server);
        ListenOptions? tcp = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                tcp = listen;
                listen.Run(handler.OnConnectedAsync);
            });
            kestrel.ListenUnixSocket(socketPath, listen => listen.Run(handler.OnConnectedAsync));
        });
        var app = builder.Build();
        await app.StartAsync();
        var port = ((IPEndPoint)tcp!.EndPoint).Port;
        Assert.NotEqual(0, port);
        return new KestrelNbdHost(app, port, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
