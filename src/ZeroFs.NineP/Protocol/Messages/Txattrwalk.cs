using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Txattrwalk: Opens the extended attribute Name of Fid (or the list when Name is empty) as NewFid for reading. Body: <c>Fid[4] NewFid[4] Name[s]</c>.
/// </summary>
public readonly ref struct Txattrwalk : INinePMessage<Txattrwalk>
{
    /// <summary>Creates a Txattrwalk.</summary>
    /// <param name="fid">The file.</param>
    /// <param name="newFid">Fid for reading the attribute.</param>
    /// <param name="name">Attribute name; empty to list names.</param>
    public Txattrwalk(uint fid, uint newFid, ReadOnlySpan<byte> name)
    {
        Fid = fid;
        NewFid = newFid;
        Name = name;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Txattrwalk;

    /// <summary>The file.</summary>
    public uint Fid { get; }

    /// <summary>Fid for reading the attribute.</summary>
    public uint NewFid { get; }

    /// <summary>Attribute name; empty to list names.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 2 + Name.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Txattrwalk message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var newFid)
            && reader.TryReadString(out var name)
            && reader.IsAtEnd)
        {
            message = new Txattrwalk(fid, newFid, name);
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
        writer.WriteString(Name);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Txattrwalk {{ Fid = {Fid}, NewFid = {NewFid}, Name = {NinePFormat.Bytes(Name)} }}";
}
