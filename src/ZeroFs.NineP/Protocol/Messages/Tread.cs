using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tread: Reads up to Count bytes at Offset. Body: <c>Fid[4] Offset[8] Count[4]</c>.
/// </summary>
public readonly ref struct Tread : INinePMessage<Tread>
{
    /// <summary>Creates a Tread.</summary>
    /// <param name="fid">Open file.</param>
    /// <param name="offset">Byte offset.</param>
    /// <param name="count">Bytes wanted.</param>
    public Tread(uint fid, ulong offset, uint count)
    {
        Fid = fid;
        Offset = offset;
        Count = count;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tread;

    /// <summary>Open file.</summary>
    public uint Fid { get; }

    /// <summary>Byte offset.</summary>
    public ulong Offset { get; }

    /// <summary>Bytes wanted.</summary>
    public uint Count { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 8 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tread message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt64(out var offset)
            && reader.TryReadUInt32(out var count)
            && reader.IsAtEnd)
        {
            message = new Tread(fid, offset, count);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Count);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tread {{ Fid = {Fid}, Offset = {Offset}, Count = {Count} }}";
}
