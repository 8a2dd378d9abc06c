using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rfsync: Confirms that the file is durable. Body: <c>(empty)</c>.
/// </summary>
public readonly ref struct Rfsync : INinePMessage<Rfsync>
{
    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rfsync;

    /// <inheritdoc/>
    public int BodyLength => 0;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rfsync message)
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
    public override string ToString() => "Rfsync";
}
