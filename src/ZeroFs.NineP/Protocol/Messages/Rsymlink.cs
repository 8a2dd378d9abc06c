using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rsymlink: Returns the qid of the new link. Body: <c>Qid[13]</c>.
/// </summary>
public readonly ref struct Rsymlink : INinePMessage<Rsymlink>
{
    /// <summary>Creates a Rsymlink.</summary>
    /// <param name="qid">Qid of the link.</param>
    public Rsymlink(Qid qid)
    {
        Qid = qid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rsymlink;

    /// <summary>Qid of the link.</summary>
    public Qid Qid { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rsymlink message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.IsAtEnd)
        {
            message = new Rsymlink(qid);
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
    public override string ToString() => $"Rsymlink {{ Qid = {Qid} }}";
}
