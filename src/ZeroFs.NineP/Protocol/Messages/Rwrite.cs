using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rwrite: Returns how many bytes were written. Body: <c>Count[4]</c>.
/// </summary>
public readonly ref struct Rwrite : INinePMessage<Rwrite>
{
    /// <summary>Creates a Rwrite.</summary>
    /// <param name="count">Bytes written.</param>
    public Rwrite(uint count)
    {
        Count = count;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rwrite;

    /// <summary>Bytes written.</summary>
    public uint Count { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rwrite message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var count)
            && reader.IsAtEnd)
        {
            message = new Rwrite(count);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Count);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rwrite {{ Count = {Count} }}";
}
