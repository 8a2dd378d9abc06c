using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tsymlink: Creates a symbolic link in the directory Fid. Body: <c>Fid[4] Name[s] Target[s] Gid[4]</c>.
/// </summary>
public readonly ref struct Tsymlink : INinePMessage<Tsymlink>
{
    /// <summary>Creates a Tsymlink.</summary>
    /// <param name="fid">Directory fid.</param>
    /// <param name="name">Name of the link.</param>
    /// <param name="target">Link target (symtgt).</param>
    /// <param name="gid">Group of the link.</param>
    public Tsymlink(uint fid, ReadOnlySpan<byte> name, ReadOnlySpan<byte> target, uint gid)
    {
        Fid = fid;
        Name = name;
        Target = target;
        Gid = gid;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tsymlink;

    /// <summary>Directory fid.</summary>
    public uint Fid { get; }

    /// <summary>Name of the link.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Link target (symtgt).</summary>
    public ReadOnlySpan<byte> Target { get; }

    /// <summary>Group of the link.</summary>
    public uint Gid { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 2 + Target.Length + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tsymlink message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadString(out var name)
            && reader.TryReadString(out var target)
            && reader.TryReadUInt32(out var gid)
            && reader.IsAtEnd)
        {
            message = new Tsymlink(fid, name, target, gid);
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
        writer.WriteString(Target);
        writer.WriteUInt32(Gid);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tsymlink {{ Fid = {Fid}, Name = {NinePFormat.Bytes(Name)}, Target = {NinePFormat.Bytes(Target)}, Gid = {Gid} }}";
}
