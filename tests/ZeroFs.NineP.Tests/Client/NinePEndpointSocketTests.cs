using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

/// <summary>ConnectAsync over real sockets (TCP loopback and a Unix socket) against a one-exchange peer.</summary>
public class NinePEndpointSocketTests
{
    [Fact]
    public async Task Connect_UnixSocket_NegotiatesAndExchanges()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ninep-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            await ExchangeAsync(listener, "unix:" + path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Connect_TcpLoopback_NegotiatesAndExchanges()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();

        await ExchangeAsync(listener, "127.0.0.1:" + ((IPEndPoint)listener.LocalEndPoint!).Port);
    }

    private static async Task ExchangeAsync(Socket listener, string endpoint)
    {
        var connecting = NinePClient.ConnectAsync(endpoint, new NinePClientOptions { MessageSize = 16384 });
        using var accepted = await listener.AcceptAsync();
        await using var stream = new NetworkStream(accepted);
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);

        var tversion = await ReadFrameAsync(input);
        Assert.Equal(MessageType.Tversion, tversion.Type);
        NinePWriter.WriteFrame(output, NinePConstants.NoTag, new Rversion(8192, "9P2000.L"u8));
        await output.FlushAsync();
        await using var client = await connecting;
        Assert.Equal(8192u, client.MessageSize);

        var statfs = client.StatfsAsync(0);
        var tstatfs = await ReadFrameAsync(input);
        NinePWriter.WriteFrame(output, tstatfs.Tag, new Rlerror(P9Errno.EOPNOTSUPP));
        await output.FlushAsync();

        Assert.Equal(P9Errno.EOPNOTSUPP, (await Assert.ThrowsAsync<NinePException>(() => statfs)).Errno);
    }

    private static async Task<FrameHeader> ReadFrameAsync(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync();
            if (NinePFrame.TryReadFrame(result.Buffer, 1 << 20, out var header, out var end) == OperationStatus.Done)
            {
                input.AdvanceTo(end);
                return header;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            Assert.False(result.IsCompleted);
        }
    }
}
