using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rlopen: Returns the opened file's qid and its iounit. Body: <c>Qid[13] IOUnit[4]</c>.
/// </summary>
public readonly ref struct Rlopen : INinePMessage<Rlopen>
{
    /// <summary>Creates a Rlopen.</summary>
    /// <param name="qid">Qid of the opened file.</param>
    /// <param name="iOUnit">Largest read or write that is atomic; 0 means msize minus the header.</param>
    public Rlopen(Qid qid, uint iOUnit)
    {
        Qid = qid;
        IOUnit = iOUnit;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rlopen;

    /// <summary>Qid of the opened file.</summary>
    public Qid Qid { get; }

    /// <summary>Largest read or write that is atomic; 0 means msize minus the header.</summary>
    public uint IOUnit { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rlopen message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.TryReadUInt32(out var iOUnit)
            && reader.IsAtEnd)
        {
            message = new Rlopen(qid, iOUnit);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteQid(Qid);
        writer.WriteUInt32(IOUnit);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rlopen {{ Qid = {Qid}, IOUnit = {IOUnit} }}";
}
