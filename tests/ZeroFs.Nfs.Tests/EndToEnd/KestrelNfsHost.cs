using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace ZeroFs.Nfs.Tests.EndToEnd;

/// <summary>A minimal Kestrel server on a loopback port with the NFS connection handler, as the host wires it.</summary>
internal sealed class KestrelNfsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _listen;

    private KestrelNfsHost(WebApplication app, ListenOptions listen)
    {
        _app = app;
        _listen = listen;
    }

    public int Port => ((IPEndPoint)_listen.EndPoint).Port;

    public static async Task<KestrelNfsHost> StartAsync(NfsServer server)
    {
        var handler = new NfsConnectionHandler(server);
        ListenOptions? captured = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            captured = listen;
            listen.Run(connection => handler.OnConnectedAsync(connection));
        }));
        var app = builder.Build();
        await app.StartAsync();
        return new KestrelNfsHost(app, captured!);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
