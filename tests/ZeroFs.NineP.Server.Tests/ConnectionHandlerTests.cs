using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>
/// <see cref="NinePConnectionHandler"/> mounted on a real Kestrel TCP listener on loopback, with Kestrel's default
/// 1 MiB read buffer and 4 MiB + 24 frames.
/// </summary>
public sealed class ConnectionHandlerTests
{
    [Fact]
    public async Task Kestrel_ServesSessionsOverTcp_IncludingFramesLargerThanKestrelsReadBuffer()
    {
        await using var harness = await StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(harness.Server);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseConnectionHandler<NinePConnectionHandler>()));
        await using var app = builder.Build();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        await using (var client = await NinePClient.ConnectAsync($"127.0.0.1:{address.Port}", new NinePClientOptions { MessageSize = 8 * 1024 * 1024 }))
        {
            Assert.Equal(harness.Server.Options.MaxMessageSize, client.MessageSize);
            var root = await client.AttachAsync("root"u8, ""u8, 0);
            var f = await client.WalkAsync(root.Fid, []);
            await client.LcreateAsync(f.Fid, N("big"), OpenFlags.ReadWrite, 0x1A4, 0);
            var payload = new byte[client.MaxIOSize * 2];
            new Random(5).NextBytes(payload);
            Assert.Equal(payload.Length, await client.WriteAsync(f.Fid, 0, payload));
            var back = new byte[payload.Length];
            Assert.Equal(payload.Length, await client.ReadAsync(f.Fid, 0, back));
            Assert.Equal(payload, back);
            await client.FsyncAsync(f.Fid);
        }

        await app.StopAsync();
    }
}
