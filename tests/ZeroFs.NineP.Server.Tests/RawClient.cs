using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Drives a session with raw frames: what NinePClient never sends (bad sizes, garbage, duplicate tags, Tflush by hand).</summary>
internal sealed class RawClient(ServerHarness.Connection connection)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ServerHarness.Connection Connection { get; } = connection;

    private PipeWriter Output => Connection.Transport.Output;

    private PipeReader Input => Connection.Transport.Input;

    public static byte[] Frame<T>(ushort tag, in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var buffer = new ArrayBufferWriter<byte>();
        NinePWriter.WriteFrame(buffer, tag, message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A frame of any type byte with any body (size computed).</summary>
    public static byte[] RawFrame(byte type, ushort tag, ReadOnlySpan<byte> body)
    {
        var frame = new byte[7 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)frame.Length);
        frame[4] = type;
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(5), tag);
        body.CopyTo(frame.AsSpan(7));
        return frame;
    }

    public async Task SendAsync(params byte[][] frames)
    {
        foreach (var frame in frames)
        {
            Output.Write(frame);
        }

        await Output.FlushAsync();
    }

    /// <summary>The next reply frame: its header and a copy of its body.</summary>
    public async Task<(FrameHeader Header, byte[] Body)> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var result = await Input.ReadAsync(timeout.Token);
            var buffer = result.Buffer;
            var status = NinePFrame.TryReadFrame(buffer, uint.MaxValue, out var header, out var end);
            if (status == OperationStatus.Done)
            {
                var body = NinePFrame.GetBody(buffer, header).ToArray();
                Input.AdvanceTo(end);
                return (header, body);
            }

            Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new EndOfStreamException("the server closed the connection");
            }
        }
    }

    /// <summary>True when the server closes its side without sending anything more.</summary>
    public async Task<bool> IsClosedAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var result = await Input.ReadAsync(timeout.Token);
        var closed = result.IsCompleted && result.Buffer.IsEmpty;
        Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        return closed;
    }

    public async Task<uint> NegotiateAsync(uint messageSize = 65536)
    {
        await SendAsync(Frame(NinePConstants.NoTag, new Tversion(messageSize, NinePConstants.Version)));
        var (header, body) = await ReceiveAsync();
        Assert.Equal(MessageType.Rversion, header.Type);
        Assert.Equal(OperationStatus.Done, Rversion.TryParse(body, out var reply));
        return reply.MessageSize;
    }

    public async Task AttachAsync(uint fid, uint uid = 0)
    {
        await SendAsync(Frame(1, new Tattach(fid, NinePConstants.NoFid, "u"u8, ""u8, uid)));
        var (header, _) = await ReceiveAsync();
        Assert.Equal(MessageType.Rattach, header.Type);
    }

    /// <summary>Asserts the reply is Rlerror(<paramref name="errno"/>) on <paramref name="tag"/>.</summary>
    public static void AssertError((FrameHeader Header, byte[] Body) reply, ushort tag, uint errno)
    {
        Assert.Equal(MessageType.Rlerror, reply.Header.Type);
        Assert.Equal(tag, reply.Header.Tag);
        Assert.Equal(OperationStatus.Done, Rlerror.TryParse(reply.Body, out var error));
        Assert.Equal(P9Errno.GetName(errno), P9Errno.GetName(error.Errno));
    }
}
