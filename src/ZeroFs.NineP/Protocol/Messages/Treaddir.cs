using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Treaddir: Reads directory entries starting after the cookie Offset. Body: <c>Fid[4] Offset[8] Count[4]</c>.
/// </summary>
public readonly ref struct Treaddir : INinePMessage<Treaddir>
{
    /// <summary>Creates a Treaddir.</summary>
    /// <param name="fid">Open directory.</param>
    /// <param name="offset">Cookie of the last entry seen; 0 to start.</param>
    /// <param name="count">Maximum bytes of entries to return.</param>
    public Treaddir(uint fid, ulong offset, uint count)
    {
        Fid = fid;
        Offset = offset;
        Count = count;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Treaddir;

    /// <summary>Open directory.</summary>
    public uint Fid { get; }

    /// <summary>Cookie of the last entry seen; 0 to start.</summary>
    public ulong Offset { get; }

    /// <summary>Maximum bytes of entries to return.</summary>
    public uint Count { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 8 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Treaddir message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt64(out var offset)
            && reader.TryReadUInt32(out var count)
            && reader.IsAtEnd)
        {
            message = new Treaddir(fid, offset, count);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Count);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Treaddir {{ Fid = {Fid}, Offset = {Offset}, Count = {Count} }}";
}
