using System.Buffers;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Client;

/// <summary>Tags, sending, cancellation by Tflush.</summary>
public sealed partial class NinePClient
{
    private static readonly ReplyParser<bool> NoBody = static body =>
        body.IsEmpty ? true : throw new NinePProtocolException("an empty reply carried a body");

    /// <summary>Encodes a request with tag 0 into a rented buffer; the tag is patched in once allocated.</summary>
    private RentedBufferWriter Encode<T>(scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var frame = new RentedBufferWriter();
        NinePWriter.WriteFrame(frame, 0, message);
        if (frame.WrittenCount > MessageSize)
        {
            frame.Dispose();
            throw new ArgumentException($"{T.MessageType} of {frame.WrittenCount} bytes exceeds msize {MessageSize}");
        }

        return frame;
    }

    /// <summary>Gets the number of requests holding a tag (for tests).</summary>
    internal int InFlightCount
    {
        get
        {
            lock (_sync)
            {
                return (2 * _maxInFlight) - _freeTags.Count - _freeFlushTags.Count;
            }
        }
    }

    private Task RequestAsync(RentedBufferWriter frame, MessageType request, MessageType reply, CancellationToken cancellationToken) =>
        RequestAsync(frame, default, new PendingRequest<bool>(request, reply, NoBody, _inlineContinuations), cancellationToken);

    private Task<T> RequestAsync<T>(RentedBufferWriter frame, MessageType request, MessageType reply, ReplyParser<T> parser, CancellationToken cancellationToken) =>
        RequestAsync(frame, default, new PendingRequest<T>(request, reply, parser, _inlineContinuations), cancellationToken);

    /// <summary>
    /// Sends one request and waits for its reply. <paramref name="payload"/>, if any, follows the encoded
    /// bytes in the same frame (Twrite data goes from the caller's memory to the pipe without a copy here).
    /// </summary>
    private async Task<T> RequestAsync<T>(RentedBufferWriter frame, ReadOnlyMemory<byte> payload, PendingRequest<T> pending, CancellationToken cancellationToken)
    {
        using (frame)
        {
            // A Tflush never waits for a slot: it takes one of the tags reserved for flushes, of which
            // there is one per ordinary tag, so every cancelled request can always be flushed.
            var isFlush = pending.Request == MessageType.Tflush;
            if (!isFlush)
            {
                await _tagSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!TryRegister(pending, isFlush))
            {
                if (!isFlush)
                {
                    _tagSlots.Release();
                }

                throw ClosedException();
            }

            frame.PatchTag(pending.Tag);
            try
            {
                await SendAsync(frame.WrittenMemory, payload, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Unregister(pending);
                throw;
            }
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((Cancellation)state!).Run(), new Cancellation(this, pending, cancellationToken))
            : default;
        return await pending.Task.ConfigureAwait(false);
    }

    /// <summary>Writes a whole frame under the write lock. Once the first byte is written it is never abandoned.</summary>
    private async Task SendAsync(ReadOnlyMemory<byte> head, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed is not null)
            {
                throw ClosedException();
            }

            var output = _transport.Output;
            output.Write(head.Span);
            if (!payload.IsEmpty)
            {
                output.Write(payload.Span);
            }

            var result = await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            if (result.IsCompleted)
            {
                throw new NinePConnectionClosedException("the peer stopped reading");
            }
        }
        catch (Exception exception) when (exception is not NinePConnectionClosedException)
        {
            // A frame may be half written: the stream can no longer be trusted.
            var closed = new NinePConnectionClosedException("sending failed: " + exception.Message, exception);
            FailAll(closed);
            throw closed;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private bool TryRegister(PendingRequest pending, bool isFlush)
    {
        lock (_sync)
        {
            if (_closed is not null)
            {
                return false;
            }

            pending.Tag = isFlush ? _freeFlushTags.Pop() : _freeTags.Pop();
            _pending[pending.Tag] = pending;
            return true;
        }
    }

    private void Unregister(PendingRequest pending)
    {
        lock (_sync)
        {
            if (ReferenceEquals(_pending[pending.Tag], pending))
            {
                _pending[pending.Tag] = null;
                ReturnTag(pending.Tag);
            }
        }
    }

    /// <summary>
    /// Cancels a sent request: the caller stops waiting at once, and a Tflush is sent. The request's
    /// tag stays reserved until Rflush arrives (a late reply to it is dropped), as the spec requires.
    /// </summary>
    private void Flush(PendingRequest pending, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(_pending[pending.Tag], pending) || pending.IsFlushing || _closed is not null)
            {
                return;
            }

            pending.IsFlushing = true;
        }

        pending.Cancel(cancellationToken);
        _ = SendFlushAsync(pending);
    }

    private async Task SendFlushAsync(PendingRequest original)
    {
        try
        {
            var frame = Encode(new Tflush(original.Tag));
            await RequestAsync(frame, MessageType.Tflush, MessageType.Rflush, CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The connection failed; FailAll has already released everything.
        }
        finally
        {
            lock (_sync)
            {
                original.IsFlushing = false;
            }

            Unregister(original);
        }
    }

    /// <summary>Returns a tag to its pool; call under <see cref="_sync"/>.</summary>
    private void ReturnTag(ushort tag)
    {
        if (tag >= _maxInFlight)
        {
            _freeFlushTags.Push(tag);
            return;
        }

        _freeTags.Push(tag);
        _tagSlots.Release();
    }

    private void FailAll(Exception exception)
    {
        var failed = new List<PendingRequest>();
        lock (_sync)
        {
            if (_closed is null)
            {
                _closed = exception;
                _tagSlots.Release(NinePConstants.NoTag);
            }

            for (var tag = 0; tag < _pending.Length; tag++)
            {
                if (_pending[tag] is { } pending)
                {
                    failed.Add(pending);
                    _pending[tag] = null;
                }
            }
        }

        var closed = ClosedException();
        foreach (var pending in failed)
        {
            pending.Fail(closed);
        }
    }

    private NinePConnectionClosedException ClosedException() => _closed switch
    {
        NinePConnectionClosedException closed => closed,
        { } cause => new NinePConnectionClosedException("the connection was closed: " + cause.Message, cause),
        null => new NinePConnectionClosedException("the connection is closed"),
    };

    private sealed class Cancellation(NinePClient client, PendingRequest pending, CancellationToken token)
    {
        public void Run() => client.Flush(pending, token);
    }
}
