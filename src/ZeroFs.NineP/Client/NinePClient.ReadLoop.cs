using System.Buffers;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The single read loop: frames in, replies matched to pending requests by tag.</summary>
public sealed partial class NinePClient
{
    private async Task ReadLoopAsync()
    {
        Exception failure;
        var input = _transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_disposed.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                try
                {
                    consumed = DispatchFrames(ref buffer);
                }
                finally
                {
                    input.AdvanceTo(consumed, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    failure = new NinePConnectionClosedException(buffer.IsEmpty ? "the server closed the connection" : "the server closed the connection mid-frame");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            failure = new NinePConnectionClosedException("the client was disposed");
        }
        catch (NinePProtocolException exception)
        {
            failure = new NinePConnectionClosedException("the server broke the protocol: " + exception.Message, exception);
        }
        catch (Exception exception)
        {
            // Transport errors, and anything unexpected: pending callers must never hang on a dead loop.
            failure = new NinePConnectionClosedException("the connection failed: " + exception.Message, exception);
        }

        FailAll(failure);
        await input.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Dispatches every complete frame in <paramref name="buffer"/>; leaves the rest in it.</summary>
    /// <returns>The position after the last complete frame.</returns>
    private SequencePosition DispatchFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = NinePFrame.TryReadFrame(buffer, MessageSize, out var header, out var end);
            if (status == OperationStatus.NeedMoreData)
            {
                return buffer.Start;
            }

            if (status == OperationStatus.InvalidData)
            {
                throw new NinePProtocolException($"a reply frame is smaller than 7 bytes or larger than msize {MessageSize}");
            }

            Dispatch(header, NinePFrame.GetBody(buffer, header));
            buffer = buffer.Slice(end);
        }
    }

    private void Dispatch(in FrameHeader header, in ReadOnlySequence<byte> body)
    {
        PendingRequest? pending;
        lock (_sync)
        {
            pending = header.Tag < _pending.Length ? _pending[header.Tag] : null;
            if (pending is null || pending.IsFlushing)
            {
                // Unknown tag, or a reply that raced our Tflush: the tag stays reserved until Rflush.
                return;
            }

            _pending[header.Tag] = null;
            ReturnTag(header.Tag);
        }

        pending.Complete(header.Type, body);
    }
}
