using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// A transmission request: <c>magic[4] flags[2] type[2] cookie[8] offset[8] length[4]</c>; a WRITE's
/// <see cref="Length"/> payload bytes follow it.
/// </summary>
/// <param name="Flags">Command flags.</param>
/// <param name="Command">The request type (unknown types are kept as they came).</param>
/// <param name="Cookie">The client's opaque handle, echoed in the reply.</param>
/// <param name="Offset">Byte offset into the export.</param>
/// <param name="Length">Byte count (and WRITE payload length).</param>
public readonly record struct RequestHeader(CommandFlags Flags, NbdCommand Command, ulong Cookie, ulong Offset, uint Length)
{
    /// <summary>Reads a header from the start of <paramref name="buffer"/>.</summary>
    /// <returns><see cref="OperationStatus.Done"/>; <see cref="OperationStatus.NeedMoreData"/> with fewer
    /// than 28 bytes; <see cref="OperationStatus.InvalidData"/> when the magic is wrong (the stream can no
    /// longer be framed).</returns>
    public static OperationStatus TryRead(in ReadOnlySequence<byte> buffer, out RequestHeader header)
    {
        Span<byte> bytes = stackalloc byte[NbdConstants.RequestHeaderLength];
        if (!FixedHeader.TryPeek(buffer, bytes))
        {
            header = default;
            return OperationStatus.NeedMoreData;
        }

        return TryRead(bytes, out header);
    }

    /// <summary>Reads a header from a span of at least 28 bytes.</summary>
    /// <returns>As the sequence overload.</returns>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out RequestHeader header)
    {
        header = default;
        if (source.Length < NbdConstants.RequestHeaderLength)
        {
            return OperationStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(source) != NbdConstants.RequestMagic)
        {
            return OperationStatus.InvalidData;
        }

        header = new RequestHeader(
            (CommandFlags)BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            (NbdCommand)BinaryPrimitives.ReadUInt16BigEndian(source[6..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[24..]));
        return OperationStatus.Done;
    }

    /// <summary>Writes the 28-byte header (the client side; used by tests and tools).</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, NbdConstants.RequestMagic);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)Flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)Command);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Cookie);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Offset);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], Length);
    }
}
