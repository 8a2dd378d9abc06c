using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>A pending request whose reply is parsed into a <typeparamref name="T"/>.</summary>
/// <param name="request">The request's type.</param>
/// <param name="expectedReply">The reply type that completes it.</param>
/// <param name="parser">Parses the reply body, or null when a subclass handles it.</param>
/// <param name="inline">Run the awaiting code inside the completion (see <see cref="NinePClientOptions.InlineContinuations"/>).</param>
internal class PendingRequest<T>(MessageType request, MessageType expectedReply, ReplyParser<T>? parser, bool inline)
    : PendingRequest(request, expectedReply)
{
    private readonly TaskCompletionSource<T> _completion = new(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);

    protected void SetResult(T result) => _completion.TrySetResult(result);

    protected override void OnReply(in ReadOnlySequence<byte> body)
    {
        if (_completion.Task.IsCompleted || parser is null)
        {
            return;
        }

        using var contiguous = ContiguousBody.Create(body);
        try
        {
            _completion.TrySetResult(parser(contiguous.Span));
        }
        catch (NinePProtocolException exception)
        {
            _completion.TrySetException(exception);
        }
    }
}
