using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rreaddir: Returns packed directory entries: qid[13] offset[8] type[1] name[s] each. Body: <c>count[4] Data[count]</c>.
/// </summary>
public readonly ref struct Rreaddir : INinePMessage<Rreaddir>
{
    /// <summary>Creates a Rreaddir.</summary>
    /// <param name="data">Packed entries; see DirectoryEntryReader.</param>
    public Rreaddir(ReadOnlySpan<byte> data)
    {
        Data = data;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rreaddir;

    /// <summary>Packed entries; see DirectoryEntryReader.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + Data.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rreaddir message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadData(out var data)
            && reader.IsAtEnd)
        {
            message = new Rreaddir(data);
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
    public override string ToString() => $"Rreaddir {{ Data = {NinePFormat.Bytes(Data)} }}";
}
