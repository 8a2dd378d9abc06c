using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>A request that owns a tag until its reply (or, once cancelled, its Rflush) arrives.</summary>
internal abstract class PendingRequest
{
    protected PendingRequest(MessageType request, MessageType expectedReply)
    {
        Request = request;
        ExpectedReply = expectedReply;
    }

    public MessageType Request { get; }

    public MessageType ExpectedReply { get; }

    public ushort Tag { get; set; }

    /// <summary>Gets or sets a value indicating whether a Tflush was sent; guarded by the client's lock.</summary>
    public bool IsFlushing { get; set; }

    /// <summary>Completes from a reply frame on the read loop (the body is valid only during this call).</summary>
    public void Complete(MessageType type, in ReadOnlySequence<byte> body)
    {
        if (type == MessageType.Rlerror)
        {
            using var contiguous = ContiguousBody.Create(body);
            if (Rlerror.TryParse(contiguous.Span, out var error) == OperationStatus.Done)
            {
                Fail(new NinePException(error.Errno, Request));
            }
            else
            {
                Fail(new NinePProtocolException($"malformed Rlerror for {Request}"));
            }

            return;
        }

        if (type != ExpectedReply)
        {
            Fail(new NinePProtocolException($"{Request} was answered with {type}, expected {ExpectedReply}"));
            return;
        }

        OnReply(body);
    }

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken cancellationToken);

    protected abstract void OnReply(in ReadOnlySequence<byte> body);
}
