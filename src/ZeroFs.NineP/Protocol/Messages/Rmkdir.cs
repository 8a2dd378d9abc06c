using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rmkdir: Returns the qid of the new directory. Body: <c>Qid[13]</c>.
/// </summary>
public readonly ref struct Rmkdir : INinePMessage<Rmkdir>
{
    /// <summary>Creates a Rmkdir.</summary>
    /// <param name="qid">Qid of the directory.</param>
    public Rmkdir(Qid qid)
    {
        Qid = qid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rmkdir;

    /// <summary>Qid of the directory.</summary>
    public Qid Qid { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rmkdir message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var qid)
            && reader.IsAtEnd)
        {
            message = new Rmkdir(qid);
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
    public override string ToString() => $"Rmkdir {{ Qid = {Qid} }}";
}
