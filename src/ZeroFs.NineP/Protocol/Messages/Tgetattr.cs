using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tgetattr: Asks for the attributes selected by RequestMask. Body: <c>Fid[4] RequestMask[8]</c>.
/// </summary>
public readonly ref struct Tgetattr : INinePMessage<Tgetattr>
{
    /// <summary>Creates a Tgetattr.</summary>
    /// <param name="fid">The file.</param>
    /// <param name="requestMask">Attributes wanted (request_mask).</param>
    public Tgetattr(uint fid, GetattrMask requestMask)
    {
        Fid = fid;
        RequestMask = requestMask;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tgetattr;

    /// <summary>The file.</summary>
    public uint Fid { get; }

    /// <summary>Attributes wanted (request_mask).</summary>
    public GetattrMask RequestMask { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 8;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tgetattr message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt64(out var requestMask)
            && reader.IsAtEnd)
        {
            message = new Tgetattr(fid, (GetattrMask)requestMask);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt64((ulong)RequestMask);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tgetattr {{ Fid = {Fid}, RequestMask = {RequestMask} }}";
}
