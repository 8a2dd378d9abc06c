using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tfsync: Flushes the file to stable storage. Linux appends datasync[4]; a body without it reads as 0. Body: <c>Fid[4] DataSync[4]</c>.
/// </summary>
public readonly ref struct Tfsync : INinePMessage<Tfsync>
{
    /// <summary>Creates a Tfsync.</summary>
    /// <param name="fid">The open file.</param>
    /// <param name="dataSync">Non-zero for fdatasync.</param>
    public Tfsync(uint fid, uint dataSync)
    {
        Fid = fid;
        DataSync = dataSync;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tfsync;

    /// <summary>The open file.</summary>
    public uint Fid { get; }

    /// <summary>Non-zero for fdatasync.</summary>
    public uint DataSync { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tfsync message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadOptionalUInt32(out var dataSync)
            && reader.IsAtEnd)
        {
            message = new Tfsync(fid, dataSync);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32(DataSync);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tfsync {{ Fid = {Fid}, DataSync = {DataSync} }}";
}
