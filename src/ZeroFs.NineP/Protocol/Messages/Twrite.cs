using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Twrite: Writes Data at Offset. Body: <c>Fid[4] Offset[8] count[4] Data[count]</c>.
/// </summary>
public readonly ref struct Twrite : INinePMessage<Twrite>
{
    /// <summary>Creates a Twrite.</summary>
    /// <param name="fid">Open file.</param>
    /// <param name="offset">Byte offset.</param>
    /// <param name="data">Bytes to write, a slice of the frame (no copy).</param>
    public Twrite(uint fid, ulong offset, ReadOnlySpan<byte> data)
    {
        Fid = fid;
        Offset = offset;
        Data = data;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Twrite;

    /// <summary>Open file.</summary>
    public uint Fid { get; }

    /// <summary>Byte offset.</summary>
    public ulong Offset { get; }

    /// <summary>Bytes to write, a slice of the frame (no copy).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 8 + 4 + Data.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Twrite message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt64(out var offset)
            && reader.TryReadData(out var data)
            && reader.IsAtEnd)
        {
            message = new Twrite(fid, offset, data);
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
        writer.WriteData(Data);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Twrite {{ Fid = {Fid}, Offset = {Offset}, Data = {NinePFormat.Bytes(Data)} }}";
}
