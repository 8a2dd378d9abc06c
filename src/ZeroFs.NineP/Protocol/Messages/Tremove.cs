using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tremove: Removes the file Fid and clunks the fid. Body: <c>Fid[4]</c>.
/// </summary>
public readonly ref struct Tremove : INinePMessage<Tremove>
{
    /// <summary>Creates a Tremove.</summary>
    /// <param name="fid">The file.</param>
    public Tremove(uint fid)
    {
        Fid = fid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tremove;

    /// <summary>The file.</summary>
    public uint Fid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tremove message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.IsAtEnd)
        {
            message = new Tremove(fid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tremove {{ Fid = {Fid} }}";
}
