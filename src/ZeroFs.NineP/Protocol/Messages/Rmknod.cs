using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rmknod: Returns the qid of the new node. Body: <c>Qid[13]</c>.
/// </summary>
public readonly ref struct Rmknod : INinePMessage<Rmknod>
{
    /// <summary>Creates a Rmknod.</summary>
    /// <param name="qid">Qid of the node.</param>
    public Rmknod(Qid qid)
    {
        Qid = qid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rmknod;

    /// <summary>Qid of the node.</summary>
    public Qid Qid { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rmknod message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.IsAtEnd)
        {
            message = new Rmknod(qid);
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
    public override string ToString() => $"Rmknod {{ Qid = {Qid} }}";
}
