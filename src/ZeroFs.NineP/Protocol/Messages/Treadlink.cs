using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Treadlink: Reads the target of the symbolic link Fid. Body: <c>Fid[4]</c>.
/// </summary>
public readonly ref struct Treadlink : INinePMessage<Treadlink>
{
    /// <summary>Creates a Treadlink.</summary>
    /// <param name="fid">The link.</param>
    public Treadlink(uint fid)
    {
        Fid = fid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Treadlink;

    /// <summary>The link.</summary>
    public uint Fid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Treadlink message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.IsAtEnd)
        {
            message = new Treadlink(fid);
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
    public override string ToString() => $"Treadlink {{ Fid = {Fid} }}";
}
