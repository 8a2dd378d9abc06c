using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tstatfs: Asks for file-system statistics. Body: <c>Fid[4]</c>.
/// </summary>
public readonly ref struct Tstatfs : INinePMessage<Tstatfs>
{
    /// <summary>Creates a Tstatfs.</summary>
    /// <param name="fid">Any fid in the file system.</param>
    public Tstatfs(uint fid)
    {
        Fid = fid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tstatfs;

    /// <summary>Any fid in the file system.</summary>
    public uint Fid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tstatfs message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.IsAtEnd)
        {
            message = new Tstatfs(fid);
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
    public override string ToString() => $"Tstatfs {{ Fid = {Fid} }}";
}
