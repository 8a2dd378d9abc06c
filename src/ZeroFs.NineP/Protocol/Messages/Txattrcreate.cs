using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Txattrcreate: Turns Fid into a writable handle for setting (or removing) the attribute Name. Body: <c>Fid[4] Name[s] AttributeSize[8] Flags[4]</c>.
/// </summary>
public readonly ref struct Txattrcreate : INinePMessage<Txattrcreate>
{
    /// <summary>Creates a Txattrcreate.</summary>
    /// <param name="fid">The file; becomes the attribute writer.</param>
    /// <param name="name">Attribute name.</param>
    /// <param name="attributeSize">Exact size of the value that will be written (attr_size).</param>
    /// <param name="flags">setxattr flags (XATTR_CREATE 1, XATTR_REPLACE 2).</param>
    public Txattrcreate(uint fid, ReadOnlySpan<byte> name, ulong attributeSize, uint flags)
    {
        Fid = fid;
        Name = name;
        AttributeSize = attributeSize;
        Flags = flags;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Txattrcreate;

    /// <summary>The file; becomes the attribute writer.</summary>
    public uint Fid { get; }

    /// <summary>Attribute name.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>Exact size of the value that will be written (attr_size).</summary>
    public ulong AttributeSize { get; }

    /// <summary>setxattr flags (XATTR_CREATE 1, XATTR_REPLACE 2).</summary>
    public uint Flags { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 8 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Txattrcreate message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadString(out var name)
            && reader.TryReadUInt64(out var attributeSize)
            && reader.TryReadUInt32(out var flags)
            && reader.IsAtEnd)
        {
            message = new Txattrcreate(fid, name, attributeSize, flags);
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
        writer.WriteUInt64(AttributeSize);
        writer.WriteUInt32(Flags);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Txattrcreate {{ Fid = {Fid}, Name = {NinePFormat.Bytes(Name)}, AttributeSize = {AttributeSize}, Flags = {Flags} }}";
}
