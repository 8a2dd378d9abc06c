using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rsetattr: Confirms an attribute change. Body: <c>(empty)</c>.
/// </summary>
public readonly ref struct Rsetattr : INinePMessage<Rsetattr>
{
    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rsetattr;

    /// <inheritdoc/>
    public int BodyLength => 0;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rsetattr message)
    {
        message = default;
        return body.IsEmpty ? OperationStatus.Done : OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => "Rsetattr";
}
