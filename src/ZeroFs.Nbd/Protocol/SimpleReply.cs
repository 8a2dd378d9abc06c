using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>A simple reply: <c>magic[4] error[4] cookie[8]</c>; a successful READ's data follows it.</summary>
/// <param name="Error">The error value, <see cref="NbdError.None"/> on success.</param>
/// <param name="Cookie">The cookie of the request answered.</param>
public readonly record struct SimpleReply(NbdError Error, ulong Cookie)
{
    /// <summary>Reads a reply header (the client side; used by tests and tools).</summary>
    /// <returns><see cref="OperationStatus.Done"/>, <see cref="OperationStatus.NeedMoreData"/>, or
    /// <see cref="OperationStatus.InvalidData"/> for a wrong magic.</returns>
    public static OperationStatus TryRead(in ReadOnlySequence<byte> buffer, out SimpleReply reply)
    {
        reply = default;
        Span<byte> bytes = stackalloc byte[NbdConstants.SimpleReplyLength];
        if (!FixedHeader.TryPeek(buffer, bytes))
        {
            return OperationStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(bytes) != NbdConstants.SimpleReplyMagic)
        {
            return OperationStatus.InvalidData;
        }

        reply = new SimpleReply((NbdError)BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return OperationStatus.Done;
    }

    /// <summary>Writes the 16-byte header.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, NbdConstants.SimpleReplyMagic);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], (uint)Error);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Cookie);
    }
}
