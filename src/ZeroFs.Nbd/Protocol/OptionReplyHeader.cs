using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// A fixed-newstyle option reply header: <c>magic[8] option[4] type[4] length[4]</c>, followed by
/// <see cref="Length"/> bytes of reply data.
/// </summary>
/// <param name="Option">The option this answers.</param>
/// <param name="Type">The reply type; errors have bit 31 set.</param>
/// <param name="Length">The length of the reply data.</param>
public readonly record struct OptionReplyHeader(NbdOption Option, OptionReplyType Type, uint Length)
{
    /// <summary>True for the NBD_REP_ERR_* types.</summary>
    public bool IsError => ((uint)Type & 0x8000_0000) != 0;

    /// <summary>Reads a reply header (the client side; used by tests and tools).</summary>
    /// <returns><see cref="OperationStatus.Done"/>, <see cref="OperationStatus.NeedMoreData"/>, or
    /// <see cref="OperationStatus.InvalidData"/> for a wrong magic.</returns>
    public static OperationStatus TryRead(in ReadOnlySequence<byte> buffer, out OptionReplyHeader header)
    {
        header = default;
        Span<byte> bytes = stackalloc byte[NbdConstants.OptionReplyHeaderLength];
        if (!FixedHeader.TryPeek(buffer, bytes))
        {
            return OperationStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(bytes) != NbdConstants.OptionReplyMagic)
        {
            return OperationStatus.InvalidData;
        }

        header = new OptionReplyHeader(
            (NbdOption)BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]),
            (OptionReplyType)BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]));
        return OperationStatus.Done;
    }

    /// <summary>Writes the 20-byte header.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, NbdConstants.OptionReplyMagic);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)Option);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], (uint)Type);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], Length);
    }
}
