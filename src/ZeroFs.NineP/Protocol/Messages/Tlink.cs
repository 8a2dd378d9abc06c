using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tlink: Creates a hard link Name in DirectoryFid to the file Fid. Body: <c>DirectoryFid[4] Fid[4] Name[s]</c>.
/// </summary>
public readonly ref struct Tlink : INinePMessage<Tlink>
{
    /// <summary>Creates a Tlink.</summary>
    /// <param name="directoryFid">Directory fid (dfid).</param>
    /// <param name="fid">Existing file.</param>
    /// <param name="name">Name of the new link.</param>
    public Tlink(uint directoryFid, uint fid, ReadOnlySpan<byte> name)
    {
        DirectoryFid = directoryFid;
        Fid = fid;
        Name = name;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tlink;

    /// <summary>Directory fid (dfid).</summary>
    public uint DirectoryFid { get; }

    /// <summary>Existing file.</summary>
    public uint Fid { get; }

    /// <summary>Name of the new link.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 2 + Name.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tlink message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var directoryFid)
            && reader.TryReadUInt32(out var fid)
            && reader.TryReadString(out var name)
            && reader.IsAtEnd)
        {
            message = new Tlink(directoryFid, fid, name);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(DirectoryFid);
        writer.WriteUInt32(Fid);
        writer.WriteString(Name);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tlink {{ DirectoryFid = {DirectoryFid}, Fid = {Fid}, Name = {NinePFormat.Bytes(Name)} }}";
}
