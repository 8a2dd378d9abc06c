using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rwalk: Returns the qid of each element walked (nwqid). Body: <c>nwqid[2] nwqid*(qid[13])</c>.
/// </summary>
public readonly ref struct Rwalk : INinePMessage<Rwalk>
{
    /// <summary>Creates a Rwalk.</summary>
    /// <param name="qids">Qids of the walked elements; fewer than requested means a partial walk.</param>
    public Rwalk(QidList qids)
    {
        Qids = qids;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rwalk;

    /// <summary>Qids of the walked elements; fewer than requested means a partial walk.</summary>
    public QidList Qids { get; }

    /// <inheritdoc/>
    public int BodyLength => Qids.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rwalk message)
    {
        var reader = new NinePReader(body);
        if (QidList.TryRead(ref reader, out var qids)
            && reader.IsAtEnd)
        {
            message = new Rwalk(qids);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        Qids.Write(ref writer);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rwalk {{ Qids = {Qids.ToString()} }}";
}
