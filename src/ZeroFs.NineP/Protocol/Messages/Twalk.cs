using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Twalk: Walks from Fid along up to 16 names, creating NewFid. Body: <c>Fid[4] NewFid[4] nwname[2] nwname*(wname[s])</c>.
/// </summary>
public readonly ref struct Twalk : INinePMessage<Twalk>
{
    /// <summary>Creates a Twalk.</summary>
    /// <param name="fid">Starting fid.</param>
    /// <param name="newFid">Fid to create; may equal Fid.</param>
    /// <param name="names">Path elements (nwname, at most 16).</param>
    public Twalk(uint fid, uint newFid, WalkNames names)
    {
        Fid = fid;
        NewFid = newFid;
        Names = names;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Twalk;

    /// <summary>Starting fid.</summary>
    public uint Fid { get; }

    /// <summary>Fid to create; may equal Fid.</summary>
    public uint NewFid { get; }

    /// <summary>Path elements (nwname, at most 16).</summary>
    public WalkNames Names { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + Names.EncodedLength;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Twalk message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var newFid)
            && WalkNames.TryRead(ref reader, out var names)
            && reader.IsAtEnd)
        {
            message = new Twalk(fid, newFid, names);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32(NewFid);
        Names.Write(ref writer);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Twalk {{ Fid = {Fid}, NewFid = {NewFid}, Names = {Names.ToString()} }}";
}
