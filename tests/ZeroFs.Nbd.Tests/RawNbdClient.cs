using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using ZeroFs.Nbd.Protocol;
using ZeroFs.Nbd.Server;

namespace ZeroFs.Nbd.Tests;

/// <summary>
/// Drives a server session over a pair of in-memory pipes with raw protocol bytes, encoded here with
/// BinaryPrimitives rather than with the codec under test.
/// </summary>
internal sealed class RawNbdClient : IAsyncDisposable
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    private RawNbdClient()
    {
    }

    /// <summary>The server's session; completes when the server ends the connection.</summary>
    public Task Session { get; private set; } = Task.CompletedTask;

    public static RawNbdClient Start(NbdServer server, CancellationToken cancellationToken = default)
    {
        var client = new RawNbdClient();
        client.Session = server.RunSessionAsync(new DuplexPipe(client._toServer.Reader, client._toClient.Writer), cancellationToken);
        return client;
    }

    public async Task SendAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await _toServer.Writer.WriteAsync(part);
        }
    }

    /// <summary>Ends the client's side of the connection (like close(2) on a socket).</summary>
    public Task CloseAsync() => _toServer.Writer.CompleteAsync().AsTask();

    public async Task<byte[]> ReceiveAsync(int count)
    {
        var result = await _toClient.Reader.ReadAtLeastAsync(count).AsTask().WaitAsync(ReplyTimeout);
        var buffer = result.Buffer;
        if (buffer.Length < count)
        {
            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
            throw new EndOfStreamException($"the server closed the connection after {buffer.Length} of {count} bytes");
        }

        var bytes = buffer.Slice(0, count).ToArray();
        _toClient.Reader.AdvanceTo(buffer.GetPosition(count));
        return bytes;
    }

    /// <summary>True when the server closed its side with nothing more to read (waits for it).</summary>
    public async Task<bool> ServerClosedAsync()
    {
        var result = await _toClient.Reader.ReadAsync().AsTask().WaitAsync(ReplyTimeout);
        var closed = result.IsCompleted && result.Buffer.IsEmpty;
        _toClient.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return closed;
    }

    // Negotiation

    public async Task<ushort> ReadGreetingAsync()
    {
        var greeting = await ReceiveAsync(18);
        Assert.Equal(0x4e42444d41474943UL, BinaryPrimitives.ReadUInt64BigEndian(greeting));
        Assert.Equal(0x49484156454F5054UL, BinaryPrimitives.ReadUInt64BigEndian(greeting.AsSpan(8)));
        return BinaryPrimitives.ReadUInt16BigEndian(greeting.AsSpan(16));
    }

    public Task SendClientFlagsAsync(uint flags)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, flags);
        return SendAsync(bytes);
    }

    /// <summary>Greeting and client flags (fixed newstyle, plus no-zeroes when asked).</summary>
    public async Task StartNegotiationAsync(bool noZeroes = true)
    {
        await ReadGreetingAsync();
        await SendClientFlagsAsync(noZeroes ? 3u : 1u);
    }

    public static byte[] Option(uint option, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[16 + data.Length];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, 0x49484156454F5054UL);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), option);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), (uint)data.Length);
        data.CopyTo(bytes.AsSpan(16));
        return bytes;
    }

    public static byte[] InfoData(string name, params ushort[] infoRequests)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[4 + nameBytes.Length + 2 + (2 * infoRequests.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(data, (uint)nameBytes.Length);
        nameBytes.CopyTo(data, 4);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(4 + nameBytes.Length), (ushort)infoRequests.Length);
        for (var i = 0; i < infoRequests.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(6 + nameBytes.Length + (2 * i)), infoRequests[i]);
        }

        return data;
    }

    public sealed record OptionReply(uint Option, uint Type, byte[] Data)
    {
        public bool IsError => (Type & 0x8000_0000) != 0;
    }

    public async Task<OptionReply> ReadOptionReplyAsync()
    {
        var header = await ReceiveAsync(20);
        Assert.Equal(0x3e889045565a9UL, BinaryPrimitives.ReadUInt64BigEndian(header));
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16));
        var data = length == 0 ? [] : await ReceiveAsync((int)length);
        return new OptionReply(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)), data);
    }

    /// <summary>Replies to INFO or GO up to and including the final one.</summary>
    public async Task<List<OptionReply>> ReadInfoRepliesAsync()
    {
        var replies = new List<OptionReply>();
        while (true)
        {
            var reply = await ReadOptionReplyAsync();
            replies.Add(reply);
            if (reply.Type != (uint)OptionReplyType.Info)
            {
                return replies;
            }
        }
    }

    /// <summary>Negotiates with NBD_OPT_GO; returns the export size and transmission flags.</summary>
    public async Task<(ulong Size, TransmissionFlags Flags)> GoAsync(string name)
    {
        await StartNegotiationAsync();
        await SendAsync(Option((uint)NbdOption.Go, InfoData(name, (ushort)InfoType.BlockSize)));
        var replies = await ReadInfoRepliesAsync();
        Assert.Equal((uint)OptionReplyType.Ack, replies[^1].Type);
        var export = replies.Single(r => r.Type == (uint)OptionReplyType.Info && BinaryPrimitives.ReadUInt16BigEndian(r.Data) == 0).Data;
        return (BinaryPrimitives.ReadUInt64BigEndian(export.AsSpan(2)), (TransmissionFlags)BinaryPrimitives.ReadUInt16BigEndian(export.AsSpan(10)));
    }

    // Transmission

    public static byte[] Request(NbdCommand command, ulong cookie, ulong offset, uint length, CommandFlags flags = CommandFlags.None, byte[]? payload = null)
    {
        var bytes = new byte[28 + (payload?.Length ?? 0)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x25609513);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), (ushort)command);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), cookie);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), offset);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), length);
        payload?.CopyTo(bytes, 28);
        return bytes;
    }

    public async Task<(uint Error, ulong Cookie)> ReadReplyAsync()
    {
        var reply = await ReceiveAsync(16);
        Assert.Equal(0x67446698u, BinaryPrimitives.ReadUInt32BigEndian(reply));
        return (BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(4)), BinaryPrimitives.ReadUInt64BigEndian(reply.AsSpan(8)));
    }

    /// <summary>One request, one simple reply (with its data for a successful READ).</summary>
    public async Task<(uint Error, byte[] Data)> CallAsync(NbdCommand command, ulong offset, uint length, CommandFlags flags = CommandFlags.None, byte[]? payload = null)
    {
        var cookie = (ulong)System.Random.Shared.NextInt64();
        await SendAsync(Request(command, cookie, offset, length, flags, payload));
        var (error, replied) = await ReadReplyAsync();
        Assert.Equal(cookie, replied);
        var data = command == NbdCommand.Read && error == 0 && length > 0 ? await ReceiveAsync((int)length) : [];
        return (error, data);
    }

    public async Task WriteAsync(ulong offset, byte[] data, CommandFlags flags = CommandFlags.None)
    {
        var (error, _) = await CallAsync(NbdCommand.Write, offset, (uint)data.Length, flags, data);
        Assert.Equal(0u, error);
    }

    public async Task<byte[]> ReadAsync(ulong offset, int length)
    {
        var (error, data) = await CallAsync(NbdCommand.Read, offset, (uint)length);
        Assert.Equal(0u, error);
        return data;
    }

    public async Task DisconnectAsync()
    {
        await SendAsync(Request(NbdCommand.Disconnect, 0, 0, 0));
        Assert.True(await ServerClosedAsync());
        await Session.WaitAsync(ReplyTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Session.WaitAsync(ReplyTimeout);
        await _toClient.Reader.CompleteAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
