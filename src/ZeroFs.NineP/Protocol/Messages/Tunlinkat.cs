using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tunlinkat: Removes Name from DirectoryFid (a directory with AT_REMOVEDIR). Body: <c>DirectoryFid[4] Name[s] Flags[4]</c>.
/// </summary>
public readonly ref struct Tunlinkat : INinePMessage<Tunlinkat>
{
    /// <summary>Creates a Tunlinkat.</summary>
    /// <param name="directoryFid">Parent directory (dirfd).</param>
    /// <param name="name">Entry to remove.</param>
    /// <param name="flags">0 or RemoveDirectory (AT_REMOVEDIR).</param>
    public Tunlinkat(uint directoryFid, ReadOnlySpan<byte> name, UnlinkatFlags flags)
    {
        DirectoryFid = directoryFid;
        Name = name;
        Flags = flags;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tunlinkat;

    /// <summary>Parent directory (dirfd).</summary>
    public uint DirectoryFid { get; }

    /// <summary>Entry to remove.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>0 or RemoveDirectory (AT_REMOVEDIR).</summary>
    public UnlinkatFlags Flags { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 2 + Name.Length + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tunlinkat message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var directoryFid)
            && reader.TryReadString(out var name)
            && reader.TryReadUInt32(out var flags)
            && reader.IsAtEnd)
        {
            message = new Tunlinkat(directoryFid, name, (UnlinkatFlags)flags);
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
        writer.WriteUInt32((uint)Flags);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tunlinkat {{ DirectoryFid = {DirectoryFid}, Name = {NinePFormat.Bytes(Name)}, Flags = {Flags} }}";
}
