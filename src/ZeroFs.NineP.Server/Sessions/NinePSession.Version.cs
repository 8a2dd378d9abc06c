using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>Tversion and Tflush: the two messages that act on the session rather than a file.</summary>
internal sealed partial class NinePSession
{
    /// <summary>
    /// Tversion, served inline by the read loop: it aborts every request in flight, clunks every fid and
    /// starts a new session. Only <c>9P2000.L</c> is spoken (anything else gets Rversion "unknown");
    /// msize = min(client, <see cref="NinePServerOptions.MaxMessageSize"/>), and a client proposing less
    /// than 4096 gets Rlerror(EINVAL). Until a version is agreed every other message gets EPROTO.
    /// </summary>
    private async ValueTask VersionAsync(ReadOnlySequence<byte> frame, FrameHeader header, long timestamp)
    {
        var request = Rent();
        try
        {
            request.Load(frame, header, timestamp);
            await DrainAsync().ConfigureAwait(false);
            await ReleaseAllFidsAsync().ConfigureAwait(false);
            _server.Locks.ReleaseSession(_id);
            Negotiate(request);
            await SendAsync(request).ConfigureAwait(false);
        }
        finally
        {
            Return(request);
        }
    }

    private void Negotiate(NinePRequest request)
    {
        Volatile.Write(ref _messageSize, 0);
        if (Tversion.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        var messageSize = Math.Min(message.MessageSize, _options.MaxMessageSize);
        if (!message.Version.SequenceEqual(NinePConstants.Version))
        {
            request.Write(new Rversion(messageSize, NinePConstants.UnknownVersion));
            return;
        }

        if (messageSize < NinePServerOptions.MinimumMessageSize)
        {
            request.Error(P9Errno.EINVAL);
            return;
        }

        Volatile.Write(ref _messageSize, messageSize);
        NinePServerLog.VersionNegotiated(_logger, _id, messageSize);
        request.Write(new Rversion(messageSize, NinePConstants.Version));
    }

    /// <summary>
    /// Tflush(oldtag): when oldtag is in flight, cancels its waiting and replies Rflush only after it has
    /// retired, so its reply (if it produced one) goes out first; an unknown oldtag gets Rflush at once.
    /// </summary>
    private async ValueTask FlushAsync(NinePRequest request)
    {
        if (Tflush.TryParse(request.Body, out var message) != OperationStatus.Done)
        {
            Malformed(request);
            return;
        }

        TaskCompletionSource? waiter = null;
        CancellationTokenSource? cancellation = null;
        lock (_sync)
        {
            if (_inFlight.TryGetValue(message.OldTag, out var target) && !ReferenceEquals(target, request))
            {
                waiter = target.FlushWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                cancellation = target.ShareCancellation();
            }
        }

        if (cancellation is not null)
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
            await waiter!.Task.ConfigureAwait(false);
        }

        request.Write(default(Rflush));
    }
}
