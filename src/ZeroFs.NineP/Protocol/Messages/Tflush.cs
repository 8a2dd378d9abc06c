using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tflush: Asks the server to abort the request with tag OldTag. Body: <c>OldTag[2]</c>.
/// </summary>
public readonly ref struct Tflush : INinePMessage<Tflush>
{
    /// <summary>Creates a Tflush.</summary>
    /// <param name="oldTag">Tag of the request to flush (oldtag).</param>
    public Tflush(ushort oldTag)
    {
        OldTag = oldTag;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tflush;

    /// <summary>Tag of the request to flush (oldtag).</summary>
    public ushort OldTag { get; }

    /// <inheritdoc/>
    public int BodyLength => 2;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tflush message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt16(out var oldTag)
            && reader.IsAtEnd)
        {
            message = new Tflush(oldTag);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt16(OldTag);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tflush {{ OldTag = {OldTag} }}";
}
