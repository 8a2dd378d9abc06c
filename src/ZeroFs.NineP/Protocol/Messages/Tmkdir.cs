using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tmkdir: Creates a directory in DirectoryFid. Body: <c>DirectoryFid[4] Name[s] Mode[4] Gid[4]</c>.
/// </summary>
public readonly ref struct Tmkdir : INinePMessage<Tmkdir>
{
    /// <summary>Creates a Tmkdir.</summary>
    /// <param name="directoryFid">Parent directory (dfid).</param>
    /// <param name="name">Name of the new directory.</param>
    /// <param name="mode">Permission bits.</param>
    /// <param name="gid">Group of the new directory.</param>
    public Tmkdir(uint directoryFid, ReadOnlySpan<byte> name, uint mode, uint gid)
    {
        DirectoryFid = directoryFid;
        Name = name;
        Mode = mode;
        Gid = gid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tmkdir;

    /// <summary>Parent directory (dfid).</summary>
    public uint DirectoryFid { get; }

    /// <summary>Name of the new directory.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Permission bits.</summary>
    public uint Mode { get; }

    /// <summary>Group of the new directory.</summary>
    public uint Gid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 4 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tmkdir message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var directoryFid)
            && reader.TryReadString(out var name)
            && reader.TryReadUInt32(out var mode)
            && reader.TryReadUInt32(out var gid)
            && reader.IsAtEnd)
        {
            message = new Tmkdir(directoryFid, name, mode, gid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(DirectoryFid);
        writer.WriteString(Name);
        writer.WriteUInt32(Mode);
        writer.WriteUInt32(Gid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tmkdir {{ DirectoryFid = {DirectoryFid}, Name = {NinePFormat.Bytes(Name)}, Mode = {Mode}, Gid = {Gid} }}";
}
