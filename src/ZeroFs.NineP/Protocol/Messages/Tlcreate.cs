using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tlcreate: Creates and opens a regular file in the directory Fid; Fid then names the new file. Body: <c>Fid[4] Name[s] Flags[4] Mode[4] Gid[4]</c>.
/// </summary>
public readonly ref struct Tlcreate : INinePMessage<Tlcreate>
{
    /// <summary>Creates a Tlcreate.</summary>
    /// <param name="fid">Directory fid; it becomes the new open file.</param>
    /// <param name="name">Name of the new file.</param>
    /// <param name="flags">Open flags as Linux sends them.</param>
    /// <param name="mode">Permission bits.</param>
    /// <param name="gid">Group of the new file.</param>
    public Tlcreate(uint fid, ReadOnlySpan<byte> name, OpenFlags flags, uint mode, uint gid)
    {
        Fid = fid;
        Name = name;
        Flags = flags;
        Mode = mode;
        Gid = gid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tlcreate;

    /// <summary>Directory fid; it becomes the new open file.</summary>
    public uint Fid { get; }

    /// <summary>Name of the new file.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Open flags as Linux sends them.</summary>
    public OpenFlags Flags { get; }

    /// <summary>Permission bits.</summary>
    public uint Mode { get; }

    /// <summary>Group of the new file.</summary>
    public uint Gid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 4 + 4 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tlcreate message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadString(out var name)
            && reader.TryReadUInt32(out var flags)
            && reader.TryReadUInt32(out var mode)
            && reader.TryReadUInt32(out var gid)
            && reader.IsAtEnd)
        {
            message = new Tlcreate(fid, name, (OpenFlags)flags, mode, gid);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteString(Name);
        writer.WriteUInt32((uint)Flags);
        writer.WriteUInt32(Mode);
        writer.WriteUInt32(Gid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tlcreate {{ Fid = {Fid}, Name = {NinePFormat.Bytes(Name)}, Flags = {Flags}, Mode = {Mode}, Gid = {Gid} }}";
}
