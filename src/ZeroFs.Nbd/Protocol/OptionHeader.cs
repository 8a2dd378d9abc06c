using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nbd.Protocol;

/// <summary>
/// An option request header: <c>IHAVEOPT[8] option[4] length[4]</c>, followed by <see cref="Length"/>
/// bytes of option data.
/// </summary>
/// <param name="Option">The option code (unknown codes are kept as they came).</param>
/// <param name="Length">The length of the option data that follows.</param>
public readonly record struct OptionHeader(NbdOption Option, uint Length)
{
    /// <summary>
    /// Reads a header from the start of <paramref name="buffer"/>.
    /// </summary>
    /// <returns><see cref="OperationStatus.Done"/>; <see cref="OperationStatus.NeedMoreData"/> with fewer
    /// than 16 bytes; <see cref="OperationStatus.InvalidData"/> when the magic is not IHAVEOPT (the
    /// negotiation can no longer be trusted).</returns>
    public static OperationStatus TryRead(in ReadOnlySequence<byte> buffer, out OptionHeader header)
    {
        Span<byte> bytes = stackalloc byte[NbdConstants.OptionHeaderLength];
        if (!FixedHeader.TryPeek(buffer, bytes))
        {
            header = default;
            return OperationStatus.NeedMoreData;
        }

        return TryRead(bytes, out header);
    }

    /// <summary>Reads a header from a span of at least 16 bytes.</summary>
    /// <returns>As the sequence overload.</returns>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out OptionHeader header)
    {
        header = default;
        if (source.Length < NbdConstants.OptionHeaderLength)
        {
            return OperationStatus.NeedMoreData;
        }

        if (BinaryPrimitives.ReadUInt64BigEndian(source) != NbdConstants.OptionMagic)
        {
            return OperationStatus.InvalidData;
        }

        header = new OptionHeader((NbdOption)BinaryPrimitives.ReadUInt32BigEndian(source[8..]), BinaryPrimitives.ReadUInt32BigEndian(source[12..]));
        return OperationStatus.Done;
    }

    /// <summary>Writes the 16-byte header (the client side; used by tests and tools).</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, NbdConstants.OptionMagic);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], (uint)Option);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Length);
    }
}
