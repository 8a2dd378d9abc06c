using System.Buffers;
using System.IO.Pipelines;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

/// <summary>
/// A scripted 9P server over two in-memory pipes that speaks through our own codec (STYLE.md §4.14:
/// only for behaviour real servers cannot easily produce: reordering, drops, oversized frames).
/// </summary>
internal sealed class ScriptedPeer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    public ScriptedPeer()
    {
        ClientTransport = new DuplexPipe(_toClient.Reader, _toServer.Writer);
    }

    public IDuplexPipe ClientTransport { get; }

    public PipeWriter Output => _toClient.Writer;

    /// <summary>Starts a client and answers its Tversion with <paramref name="msize"/> and <paramref name="version"/>.</summary>
    public static async Task<(ScriptedPeer Peer, NinePClient Client)> ConnectAsync(
        uint msize = 8192, NinePClientOptions? options = null, string version = "9P2000.L")
    {
        var peer = new ScriptedPeer();
        var starting = NinePClient.StartAsync(peer.ClientTransport, options ?? new NinePClientOptions { MessageSize = 65536 });
        var request = await peer.ReadAsync();
        Assert.Equal(MessageType.Tversion, request.Type);
        Assert.Equal(NinePConstants.NoTag, request.Tag);
        peer.Send(NinePConstants.NoTag, new Rversion(msize, System.Text.Encoding.ASCII.GetBytes(version)));
        await peer.FlushAsync();
        return (peer, await starting);
    }

    /// <summary>Reads the next request frame.</summary>
    public async Task<Request> ReadAsync()
    {
        while (true)
        {
            var result = await _toServer.Reader.ReadAsync();
            var buffer = result.Buffer;
            if (NinePFrame.TryReadFrame(buffer, 1 << 24, out var header, out var end) == OperationStatus.Done)
            {
                var body = NinePFrame.GetBody(buffer, header).ToArray();
                _toServer.Reader.AdvanceTo(end);
                return new Request(header.Type, header.Tag, body);
            }

            _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("the client closed");
            }
        }
    }

    /// <summary>Reads every request frame that is already buffered (at least one).</summary>
    public async Task<List<Request>> ReadAvailableAsync()
    {
        var requests = new List<Request>();
        var result = await _toServer.Reader.ReadAsync();
        var buffer = result.Buffer;
        while (NinePFrame.TryReadFrame(buffer, 1 << 24, out var header, out var end) == OperationStatus.Done)
        {
            requests.Add(new Request(header.Type, header.Tag, NinePFrame.GetBody(buffer, header).ToArray()));
            buffer = buffer.Slice(end);
        }

        _toServer.Reader.AdvanceTo(buffer.Start, buffer.End);
        return requests;
    }

    public void Send<T>(ushort tag, scoped in T message)
        where T : INinePMessage<T>, allows ref struct => NinePWriter.WriteFrame(Output, tag, message);

    public void SendRaw(ReadOnlySpan<byte> bytes) => Output.Write(bytes);

    public async Task FlushAsync() => await Output.FlushAsync();

    public async Task SendErrorAsync(ushort tag, uint errno)
    {
        Send(tag, new Rlerror(errno));
        await FlushAsync();
    }

    /// <summary>Drops the connection from the server side.</summary>
    public async Task DisconnectAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _toServer.Reader.CompleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _toClient.Writer.CompleteAsync();
        await _toServer.Reader.CompleteAsync();
    }

    internal sealed record Request(MessageType Type, ushort Tag, byte[] Body);

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
