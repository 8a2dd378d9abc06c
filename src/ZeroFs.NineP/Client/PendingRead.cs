using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>A pending Tread: the Rread payload is copied once, straight from the received buffers into the caller's memory.</summary>
internal sealed class PendingRead(Memory<byte> destination, bool inline)
    : PendingRequest<int>(MessageType.Tread, MessageType.Rread, parser: null, inline)
{
    protected override void OnReply(in ReadOnlySequence<byte> body)
    {
        if (NinePPayload.TryParseRread(body, out var data) != OperationStatus.Done || data.Length > destination.Length)
        {
            Fail(new NinePProtocolException($"malformed Rread, or more than the {destination.Length} bytes asked for"));
            return;
        }

        if (!Task.IsCompleted)
        {
            data.CopyTo(destination.Span);
            SetResult((int)data.Length);
        }
    }
}
