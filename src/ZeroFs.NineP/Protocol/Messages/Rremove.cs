using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rremove: Confirms a remove. Body: <c>(empty)</c>.
/// </summary>
public readonly ref struct Rremove : INinePMessage<Rremove>
{
    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rremove;

    /// <inheritdoc/>
    public int BodyLength => 0;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rremove message)
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
    public override string ToString() => "Rremove";
}
