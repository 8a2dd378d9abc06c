using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Server.Sessions;

/// <summary>
/// One request in flight, pooled per session: a copy of its frame in a rented buffer (so the read loop
/// can move on while it is served, and Twrite data reaches the filesystem straight from it), its reply
/// buffer, and the cancellation a Tflush or the session's end triggers.
/// </summary>
internal sealed class NinePRequest
{
    private byte[] _frame = [];
    private int _length;

    public FrameHeader Header { get; private set; }

    public ushort Tag => Header.Tag;

    public MessageType Type => Header.Type;

    /// <summary>The message body (after the 7-byte header).</summary>
    public ReadOnlySpan<byte> Body => _frame.AsSpan(FrameHeader.EncodedLength, _length - FrameHeader.EncodedLength);

    public PooledBufferWriter Reply { get; } = new();

    public CancellationTokenSource Cancellation { get; private set; } = new();

    /// <summary>True once another party (a Tflush, the session's end) holds <see cref="Cancellation"/>.</summary>
    private bool _cancellationShared;

    /// <summary>Scratch for Twalk: the names as slices of the frame, and the qids walked.</summary>
    public ReadOnlyMemory<byte>[] WalkNames { get; } = new ReadOnlyMemory<byte>[NinePConstants.MaxWalkElements];

    /// <summary>Scratch for Twalk replies.</summary>
    public Qid[] WalkQids { get; } = new Qid[NinePConstants.MaxWalkElements];

    /// <summary>True while the request is in the session's in-flight table under its tag.</summary>
    public bool IsRegistered { get; set; }

    /// <summary>Completed when the request retires, for Tflush requests waiting on it; created only by a flush.</summary>
    public TaskCompletionSource? FlushWaiter { get; set; }

    public long StartTimestamp { get; private set; }

    /// <summary>Takes a copy of <paramref name="frame"/> (the whole frame, header included).</summary>
    public void Load(in ReadOnlySequence<byte> frame, in FrameHeader header, long timestamp)
    {
        _length = (int)frame.Length;
        _frame = ArrayPool<byte>.Shared.Rent(_length);
        frame.CopyTo(_frame);
        Header = header;
        StartTimestamp = timestamp;
    }

    /// <summary>
    /// The slice <paramref name="part"/> of the frame (a name or payload a parser returned) as memory, so it
    /// can cross an await into the filesystem without a copy.
    /// </summary>
    public ReadOnlyMemory<byte> Slice(ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var offset = (nint)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(_frame), ref MemoryMarshal.GetReference(part));
        if (offset < 0 || offset + part.Length > _length)
        {
            throw new ArgumentException("the span is not part of this request's frame", nameof(part));
        }

        return _frame.AsMemory((int)offset, part.Length);
    }

    /// <summary>Encodes the reply <paramref name="message"/> (replacing anything written so far).</summary>
    public void Write<T>(scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        Reply.Reset();
        NinePWriter.WriteFrame(Reply, Tag, message);
    }

    /// <summary>Replies Rlerror(<paramref name="errno"/>).</summary>
    public void Error(uint errno) => Write(new Rlerror(errno));

    /// <summary>
    /// Hands out <see cref="Cancellation"/> to cancel this request from outside; call under the session lock
    /// while the request is in flight. Such a source is never reused for another request, so a late cancel
    /// can only hit this one.
    /// </summary>
    public CancellationTokenSource ShareCancellation()
    {
        _cancellationShared = true;
        return Cancellation;
    }

    /// <summary>Returns the frame buffer and readies the object for reuse.</summary>
    public void Recycle()
    {
        if (_frame.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_frame);
            _frame = [];
        }

        _length = 0;
        Reply.Reset();
        IsRegistered = false;
        FlushWaiter = null;
        if (_cancellationShared)
        {
            // Someone may still call Cancel on it: abandon it rather than dispose or reuse it.
            _cancellationShared = false;
            Cancellation = new CancellationTokenSource();
        }
        else if (!Cancellation.TryReset())
        {
            Cancellation.Dispose();
            Cancellation = new CancellationTokenSource();
        }
    }
}
