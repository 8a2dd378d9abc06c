using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Trename: Renames the file Fid into directory DirectoryFid under Name (superseded by Trenameat). Body: <c>Fid[4] DirectoryFid[4] Name[s]</c>.
/// </summary>
public readonly ref struct Trename : INinePMessage<Trename>
{
    /// <summary>Creates a Trename.</summary>
    /// <param name="fid">File to rename.</param>
    /// <param name="directoryFid">Target directory (dfid).</param>
    /// <param name="name">New name.</param>
    public Trename(uint fid, uint directoryFid, ReadOnlySpan<byte> name)
    {
        Fid = fid;
        DirectoryFid = directoryFid;
        Name = name;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Trename;

    /// <summary>File to rename.</summary>
    public uint Fid { get; }

    /// <summary>Target directory (dfid).</summary>
    public uint DirectoryFid { get; }

    /// <summary>New name.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 2 + Name.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Trename message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var directoryFid)
            && reader.TryReadString(out var name)
            && reader.IsAtEnd)
        {
            message = new Trename(fid, directoryFid, name);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32(DirectoryFid);
        writer.WriteString(Name);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Trename {{ Fid = {Fid}, DirectoryFid = {DirectoryFid}, Name = {NinePFormat.Bytes(Name)} }}";
}
