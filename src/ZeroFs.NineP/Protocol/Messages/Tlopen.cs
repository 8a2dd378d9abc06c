using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tlopen: Opens the file named by Fid with Linux open flags. Body: <c>Fid[4] Flags[4]</c>.
/// </summary>
public readonly ref struct Tlopen : INinePMessage<Tlopen>
{
    /// <summary>Creates a Tlopen.</summary>
    /// <param name="fid">The fid to open.</param>
    /// <param name="flags">Open flags as Linux sends them.</param>
    public Tlopen(uint fid, OpenFlags flags)
    {
        Fid = fid;
        Flags = flags;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tlopen;

    /// <summary>The fid to open.</summary>
    public uint Fid { get; }

    /// <summary>Open flags as Linux sends them.</summary>
    public OpenFlags Flags { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tlopen message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var flags)
            && reader.IsAtEnd)
        {
            message = new Tlopen(fid, (OpenFlags)flags);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32((uint)Flags);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tlopen {{ Fid = {Fid}, Flags = {Flags} }}";
}
