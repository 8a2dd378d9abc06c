using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Hosting.Serving;
using ZeroFs.Testing;

namespace ZeroFs.Hosting.Tests.Serving;

public sealed class ProtocolListenersTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Start_PortZeroAndUnixSocket_ServesBothAndReportsRealEndpoints()
    {
        var socket = _directory.Combine("p.sock");
        await using var listeners = await ProtocolListeners.StartAsync(
            [new ProtocolBinding("echo", [new IPEndPoint(IPAddress.Loopback, 0)], socket, new EchoHandler())],
            NullLoggerFactory.Instance,
            CancellationToken.None);

        var tcp = Assert.Single(listeners.TcpEndpoints);
        Assert.Equal("echo", tcp.Protocol);
        Assert.NotEqual(0, tcp.EndPoint.Port);
        Assert.Contains($"echo unix:{socket}", listeners.Endpoints);
        Assert.Contains($"echo {tcp.EndPoint}", listeners.Endpoints);

        Assert.Equal("hello", await RoundTripAsync(tcp.EndPoint, "hello"));
        Assert.Equal("unix", await RoundTripAsync(new UnixDomainSocketEndPoint(socket), "unix"));
        Assert.True(UnixSocketFile.IsSocket(socket));
    }

    [Fact]
    public async Task Start_StaleSocketFile_IsReplaced()
    {
        var path = _directory.Combine("stale.sock");
        // A socket file nobody listens on, as a killed server leaves it (.NET unlinks its own on dispose, so bind from python3).
        using (var python = System.Diagnostics.Process.Start("python3", ["-c", "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", path]))
        {
            await python.WaitForExitAsync();
            Assert.Equal(0, python.ExitCode);
        }

        Assert.True(UnixSocketFile.IsSocket(path));
        await using var listeners = await ProtocolListeners.StartAsync(
            [new ProtocolBinding("echo", [], path, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None);
        Assert.Equal("again", await RoundTripAsync(new UnixDomainSocketEndPoint(path), "again"));
    }

    [Fact]
    public async Task Start_SocketOfALiveServer_FailsWithoutTouchingIt()
    {
        var path = _directory.Combine("live.sock");
        await using var first = await ProtocolListeners.StartAsync(
            [new ProtocolBinding("echo", [], path, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ZeroFsHostException>(() => ProtocolListeners.StartAsync(
            [new ProtocolBinding("echo", [], path, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None));
        Assert.Contains("in use by a running server", error.Message, StringComparison.Ordinal);
        Assert.Equal("still", await RoundTripAsync(new UnixDomainSocketEndPoint(path), "still"));
    }

    [Fact]
    public async Task Start_RegularFileAtSocketPath_FailsAndKeepsTheFile()
    {
        var path = _directory.Combine("data.txt");
        await File.WriteAllTextAsync(path, "precious");

        var error = await Assert.ThrowsAsync<ZeroFsHostException>(() => ProtocolListeners.StartAsync(
            [new ProtocolBinding("ninep", [], path, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None));
        Assert.Contains("is not a socket", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Start_AddressInUse_FailsWithClearError()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = (IPEndPoint)holder.LocalEndpoint;

        var error = await Assert.ThrowsAsync<ZeroFsHostException>(() => ProtocolListeners.StartAsync(
            [new ProtocolBinding("nfs", [taken], null, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None));
        Assert.Contains("cannot listen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_RemovesTheSocketFile()
    {
        var path = _directory.Combine("gone.sock");
        var listeners = await ProtocolListeners.StartAsync(
            [new ProtocolBinding("echo", [], path, new EchoHandler())], NullLoggerFactory.Instance, CancellationToken.None);
        await listeners.StopAsync(CancellationToken.None);
        await listeners.DisposeAsync();
        Assert.False(File.Exists(path));
    }

    private static async Task<string> RoundTripAsync(EndPoint endPoint, string text)
    {
        using var client = new Socket(endPoint.AddressFamily, SocketType.Stream, endPoint is UnixDomainSocketEndPoint ? ProtocolType.Unspecified : ProtocolType.Tcp);
        await client.ConnectAsync(endPoint);
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        await client.SendAsync(bytes);
        client.Shutdown(SocketShutdown.Send);
        var buffer = new byte[64];
        var total = 0;
        int read;
        while ((read = await client.ReceiveAsync(buffer.AsMemory(total))) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.ASCII.GetString(buffer, 0, total);
    }

    /// <summary>Copies input to output until the peer half-closes: enough to prove a listener reaches its handler.</summary>
    private sealed class EchoHandler : ConnectionHandler
    {
        public override async Task OnConnectedAsync(ConnectionContext connection)
        {
            await connection.Transport.Input.CopyToAsync(connection.Transport.Output.AsStream());
            await connection.Transport.Output.CompleteAsync();
        }
    }
}
