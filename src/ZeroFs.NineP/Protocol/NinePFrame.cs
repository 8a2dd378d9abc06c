using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// 9P framing, kept apart from message bodies: every frame is <c>size[4] type[1] tag[2] body</c>,
/// little-endian, with <c>size</c> counting the whole frame and bounded by the negotiated msize.
/// </summary>
public static class NinePFrame
{
    /// <summary>
    /// Finds the next complete frame at the start of <paramref name="buffer"/>. The size is checked
    /// as soon as its 4 bytes are present, before waiting for the rest, so an oversized or undersized
    /// frame is rejected without buffering it.
    /// </summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="maxSize">The negotiated msize: the largest acceptable frame.</param>
    /// <param name="header">The frame header when <see cref="OperationStatus.Done"/>.</param>
    /// <param name="end">Position just after the frame when <see cref="OperationStatus.Done"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/>; <see cref="OperationStatus.NeedMoreData"/> when the
    /// frame is incomplete; <see cref="OperationStatus.InvalidData"/> when size &lt; 7 or size &gt;
    /// <paramref name="maxSize"/> (the connection can no longer be trusted).</returns>
    public static OperationStatus TryReadFrame(in ReadOnlySequence<byte> buffer, uint maxSize, out FrameHeader header, out SequencePosition end)
    {
        header = default;
        end = buffer.Start;
        var available = buffer.Length;
        if (available < 4)
        {
            return OperationStatus.NeedMoreData;
        }

        Span<byte> head = stackalloc byte[FrameHeader.EncodedLength];
        var first = buffer.FirstSpan;
        if (first.Length >= FrameHeader.EncodedLength)
        {
            first[..FrameHeader.EncodedLength].CopyTo(head);
        }
        else
        {
            var count = (int)Math.Min(available, FrameHeader.EncodedLength);
            buffer.Slice(0, count).CopyTo(head);
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(head);
        if (size < FrameHeader.EncodedLength || size > maxSize)
        {
            return OperationStatus.InvalidData;
        }

        if (available < size)
        {
            return OperationStatus.NeedMoreData;
        }

        header = new FrameHeader(size, (MessageType)head[4], BinaryPrimitives.ReadUInt16LittleEndian(head[5..]));
        end = buffer.GetPosition(size);
        return OperationStatus.Done;
    }

    /// <summary>Slices the body (the bytes after the header) of a frame found by <see cref="TryReadFrame"/>.</summary>
    /// <param name="buffer">The buffer the frame was found in, starting at the frame.</param>
    /// <param name="header">Its header.</param>
    /// <returns>The body, possibly spanning segments.</returns>
    public static ReadOnlySequence<byte> GetBody(in ReadOnlySequence<byte> buffer, in FrameHeader header) =>
        buffer.Slice(FrameHeader.EncodedLength, header.BodyLength);

    /// <summary>Parses a whole body of a known type.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="body">The body bytes.</param>
    /// <param name="message">The message.</param>
    /// <returns>As <see cref="INinePMessage{TSelf}.TryParse"/>.</returns>
    public static OperationStatus TryParse<T>(ReadOnlySpan<byte> body, out T message)
        where T : INinePMessage<T>, allows ref struct => T.TryParse(body, out message);

    internal static Qid ReadQid(ReadOnlySpan<byte> source) => new(
        (QidType)source[0],
        BinaryPrimitives.ReadUInt32LittleEndian(source[1..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[5..]));

    internal static void WriteQid(Span<byte> destination, Qid qid)
    {
        destination[0] = (byte)qid.Type;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], qid.Version);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[5..], qid.Path);
    }
}
