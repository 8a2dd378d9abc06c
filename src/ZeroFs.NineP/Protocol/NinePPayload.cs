using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// Parsers for the two bulk messages that leave the payload as a <see cref="ReadOnlySequence{T}"/>
/// over the received buffers: Twrite data can reach the file system straight from the pipe, and an
/// Rread payload can be copied once into the caller's buffer, with no contiguous copy of a frame that
/// straddles segments (STYLE.md §4.2).
/// </summary>
public static class NinePPayload
{
    private const int TwritePrefix = 4 + 8 + 4;
    private const int RreadPrefix = 4;

    /// <summary>Parses a Twrite body <c>fid[4] offset[8] count[4] data[count]</c> without copying it.</summary>
    /// <param name="body">The body, from <see cref="NinePFrame.GetBody"/>.</param>
    /// <param name="fid">The fid.</param>
    /// <param name="offset">The file offset.</param>
    /// <param name="data">The payload, a slice of <paramref name="body"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.InvalidData"/> when the
    /// body is shorter than the prefix or count disagrees with the bytes present.</returns>
    public static OperationStatus TryParseTwrite(in ReadOnlySequence<byte> body, out uint fid, out ulong offset, out ReadOnlySequence<byte> data)
    {
        fid = 0;
        offset = 0;
        data = default;
        Span<byte> prefix = stackalloc byte[TwritePrefix];
        if (!TryReadPrefix(body, prefix))
        {
            return OperationStatus.InvalidData;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(prefix[12..]);
        if (count != body.Length - TwritePrefix)
        {
            return OperationStatus.InvalidData;
        }

        fid = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        offset = BinaryPrimitives.ReadUInt64LittleEndian(prefix[4..]);
        data = body.Slice(TwritePrefix);
        return OperationStatus.Done;
    }

    /// <summary>Parses an Rread body <c>count[4] data[count]</c> without copying it.</summary>
    /// <param name="body">The body, from <see cref="NinePFrame.GetBody"/>.</param>
    /// <param name="data">The payload, a slice of <paramref name="body"/>.</param>
    /// <returns><see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.InvalidData"/> when
    /// count disagrees with the bytes present.</returns>
    public static OperationStatus TryParseRread(in ReadOnlySequence<byte> body, out ReadOnlySequence<byte> data)
    {
        data = default;
        Span<byte> prefix = stackalloc byte[RreadPrefix];
        if (!TryReadPrefix(body, prefix) || BinaryPrimitives.ReadUInt32LittleEndian(prefix) != body.Length - RreadPrefix)
        {
            return OperationStatus.InvalidData;
        }

        data = body.Slice(RreadPrefix);
        return OperationStatus.Done;
    }

    /// <summary>Length of the header of an Rread or Rreaddir frame: <c>size[4] type[1] tag[2] count[4]</c>.</summary>
    public const int DataReplyHeaderLength = FrameHeader.EncodedLength + 4;

    /// <summary>
    /// Writes the header of an Rread or Rreaddir whose <paramref name="count"/> payload bytes the caller has
    /// already placed right after it, so a server can fill
    /// <c>output.GetSpan(DataReplyHeaderLength + max)[DataReplyHeaderLength..]</c> straight from the file
    /// system, then write the header and advance once, with no intermediate buffer.
    /// </summary>
    /// <param name="destination">At least <see cref="DataReplyHeaderLength"/> bytes, where the frame starts.</param>
    /// <param name="type"><see cref="MessageType.Rread"/> or <see cref="MessageType.Rreaddir"/>.</param>
    /// <param name="tag">The request's tag.</param>
    /// <param name="count">Payload bytes that follow the header.</param>
    /// <returns>The whole frame length (header plus payload), the amount to advance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Another type, a negative count, or a short destination.</exception>
    public static int WriteDataReplyHeader(Span<byte> destination, MessageType type, ushort tag, int count)
    {
        if (type is not (MessageType.Rread or MessageType.Rreaddir))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "only Rread and Rreaddir carry count[4] data");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, int.MaxValue - DataReplyHeaderLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, DataReplyHeaderLength, nameof(destination));
        var frameLength = DataReplyHeaderLength + count;
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)frameLength);
        destination[4] = (byte)type;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[5..], tag);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[7..], (uint)count);
        return frameLength;
    }

    private static bool TryReadPrefix(in ReadOnlySequence<byte> body, Span<byte> prefix)
    {
        if (body.Length < prefix.Length)
        {
            return false;
        }

        var first = body.FirstSpan;
        if (first.Length >= prefix.Length)
        {
            first[..prefix.Length].CopyTo(prefix);
        }
        else
        {
            body.Slice(0, prefix.Length).CopyTo(prefix);
        }

        return true;
    }
}
