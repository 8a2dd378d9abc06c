using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>A pending request whose reply is parsed into a <typeparamref name="T"/>.</summary>
internal sealed class PendingRequest<T>(MessageType request, MessageType expectedReply, ReplyParser<T> parser, Memory<byte> destination)
    : PendingRequest(request, expectedReply)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);

    protected override void OnReply(ReadOnlySpan<byte> body)
    {
        if (_completion.Task.IsCompleted)
        {
            return;
        }

        try
        {
            _completion.TrySetResult(parser(body, destination));
        }
        catch (NinePProtocolException exception)
        {
            _completion.TrySetException(exception);
        }
    }
}
