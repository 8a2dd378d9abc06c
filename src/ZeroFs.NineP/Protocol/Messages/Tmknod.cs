using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tmknod: Creates a device node, FIFO or socket in the directory DirectoryFid. Body: <c>DirectoryFid[4] Name[s] Mode[4] Major[4] Minor[4] Gid[4]</c>.
/// </summary>
public readonly ref struct Tmknod : INinePMessage<Tmknod>
{
    /// <summary>Creates a Tmknod.</summary>
    /// <param name="directoryFid">Directory fid (dfid).</param>
    /// <param name="name">Name of the node.</param>
    /// <param name="mode">File type and permission bits.</param>
    /// <param name="major">Device major number.</param>
    /// <param name="minor">Device minor number.</param>
    /// <param name="gid">Group of the node.</param>
    public Tmknod(uint directoryFid, ReadOnlySpan<byte> name, uint mode, uint major, uint minor, uint gid)
    {
        DirectoryFid = directoryFid;
        Name = name;
        Mode = mode;
        Major = major;
        Minor = minor;
        Gid = gid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tmknod;

    /// <summary>Directory fid (dfid).</summary>
    public uint DirectoryFid { get; }

    /// <summary>Name of the node.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>File type and permission bits.</summary>
    public uint Mode { get; }

    /// <summary>Device major number.</summary>
    public uint Major { get; }

    /// <summary>Device minor number.</summary>
    public uint Minor { get; }

    /// <summary>Group of the node.</summary>
    public uint Gid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 4 + 4 + 4 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tmknod message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var directoryFid)
            && reader.TryReadString(out var name)
            && reader.TryReadUInt32(out var mode)
            && reader.TryReadUInt32(out var major)
            && reader.TryReadUInt32(out var minor)
            && reader.TryReadUInt32(out var gid)
            && reader.IsAtEnd)
        {
            message = new Tmknod(directoryFid, name, mode, major, minor, gid);
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
        writer.WriteUInt32(Major);
        writer.WriteUInt32(Minor);
        writer.WriteUInt32(Gid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tmknod {{ DirectoryFid = {DirectoryFid}, Name = {NinePFormat.Bytes(Name)}, Mode = {Mode}, Major = {Major}, Minor = {Minor}, Gid = {Gid} }}";
}
