using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rauth: Returns the qid of the authentication file. Body: <c>AuthQid[13]</c>.
/// </summary>
public readonly ref struct Rauth : INinePMessage<Rauth>
{
    /// <summary>Creates a Rauth.</summary>
    /// <param name="authQid">Qid of the authentication file (aqid).</param>
    public Rauth(Qid authQid)
    {
        AuthQid = authQid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rauth;

    /// <summary>Qid of the authentication file (aqid).</summary>
    public Qid AuthQid { get; }

    /// <inheritdoc/>
    public int BodyLength => Qid.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rauth message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadQid(out var authQid)
            && reader.IsAtEnd)
        {
            message = new Rauth(authQid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteQid(AuthQid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rauth {{ AuthQid = {AuthQid} }}";
}
