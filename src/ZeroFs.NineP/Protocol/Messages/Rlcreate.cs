using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rlcreate: Returns the created file's qid and its iounit. Body: <c>Qid[13] IOUnit[4]</c>.
/// </summary>
public readonly ref struct Rlcreate : INinePMessage<Rlcreate>
{
    /// <summary>Creates a Rlcreate.</summary>
    /// <param name="qid">Qid of the new file.</param>
    /// <param name="iOUnit">Largest atomic read or write; 0 means msize minus the header.</param>
    public Rlcreate(Qid qid, uint iOUnit)
    {
        Qid = qid;
        IOUnit = iOUnit;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rlcreate;

    /// <summary>Qid of the new file.</summary>
    public Qid Qid { get; }

    /// <summary>Largest atomic read or write; 0 means msize minus the header.</summary>
    public uint IOUnit { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rlcreate message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.TryReadUInt32(out var iOUnit)
            && reader.IsAtEnd)
        {
            message = new Rlcreate(qid, iOUnit);
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
    public override string ToString() => $"Rlcreate {{ Qid = {Qid}, IOUnit = {IOUnit} }}";
}
