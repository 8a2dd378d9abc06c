using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rrename: Confirms a rename. Body: <c>(empty)</c>.
/// </summary>
public readonly ref struct Rrename : INinePMessage<Rrename>
{
    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rrename;

    /// <inheritdoc/>
    public int BodyLength => 0;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rrename message)
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
    public override string ToString() => "Rrename";
}
