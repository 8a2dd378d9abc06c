using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rattach: Returns the qid of the attached root. Body: <c>Qid[13]</c>.
/// </summary>
public readonly ref struct Rattach : INinePMessage<Rattach>
{
    /// <summary>Creates a Rattach.</summary>
    /// <param name="qid">Qid of the root.</param>
    public Rattach(Qid qid)
    {
        Qid = qid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rattach;

    /// <summary>Qid of the root.</summary>
    public Qid Qid { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rattach message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.IsAtEnd)
        {
            message = new Rattach(qid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteQid(Qid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rattach {{ Qid = {Qid} }}";
}
