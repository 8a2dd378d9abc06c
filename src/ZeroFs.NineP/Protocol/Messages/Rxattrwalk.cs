using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rxattrwalk: Returns the size of the attribute value (or of the name list). Body: <c>Size[8]</c>.
/// </summary>
public readonly ref struct Rxattrwalk : INinePMessage<Rxattrwalk>
{
    /// <summary>Creates a Rxattrwalk.</summary>
    /// <param name="size">Bytes to read from the new fid.</param>
    public Rxattrwalk(ulong size)
    {
        Size = size;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rxattrwalk;

    /// <summary>Bytes to read from the new fid.</summary>
    public ulong Size { get; }

    /// <inheritdoc/>
    public int BodyLength => 8;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rxattrwalk message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt64(out var size)
            && reader.IsAtEnd)
        {
            message = new Rxattrwalk(size);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt64(Size);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rxattrwalk {{ Size = {Size} }}";
}
