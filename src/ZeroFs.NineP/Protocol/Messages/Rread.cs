using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rread: Returns the bytes read; fewer than asked at end of file. Body: <c>count[4] Data[count]</c>.
/// </summary>
public readonly ref struct Rread : INinePMessage<Rread>
{
    /// <summary>Creates a Rread.</summary>
    /// <param name="data">The bytes read, a slice of the frame (no copy).</param>
    public Rread(ReadOnlySpan<byte> data)
    {
        Data = data;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rread;

    /// <summary>The bytes read, a slice of the frame (no copy).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + Data.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rread message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadData(out var data)
            && reader.IsAtEnd)
        {
            message = new Rread(data);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteData(Data);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rread {{ Data = {NinePFormat.Bytes(Data)} }}";
}
