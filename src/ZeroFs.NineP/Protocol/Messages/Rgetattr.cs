using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rgetattr: Returns file attributes; Valid says which fields are meaningful. Body: <c>Valid[8] Qid[13] Mode[4] Uid[4] Gid[4] LinkCount[8] RDev[8] Size[8] BlockSize[8] Blocks[8] AtimeSeconds[8] AtimeNanoseconds[8] MtimeSeconds[8] MtimeNanoseconds[8] CtimeSeconds[8] CtimeNanoseconds[8] BtimeSeconds[8] BtimeNanoseconds[8] Generation[8] DataVersion[8]</c>.
/// </summary>
public readonly ref struct Rgetattr : INinePMessage<Rgetattr>
{
    /// <summary>Creates a Rgetattr.</summary>
    /// <param name="valid">Fields that carry values.</param>
    /// <param name="qid">Qid of the file.</param>
    /// <param name="mode">File type and permission bits.</param>
    /// <param name="uid">Owner.</param>
    /// <param name="gid">Group.</param>
    /// <param name="linkCount">Number of hard links (nlink).</param>
    /// <param name="rDev">Device number of a device node.</param>
    /// <param name="size">Size in bytes.</param>
    /// <param name="blockSize">Preferred I/O size (blksize).</param>
    /// <param name="blocks">Allocated 512-byte blocks.</param>
    /// <param name="atimeSeconds">Access time, seconds.</param>
    /// <param name="atimeNanoseconds">Access time, nanoseconds.</param>
    /// <param name="mtimeSeconds">Modification time, seconds.</param>
    /// <param name="mtimeNanoseconds">Modification time, nanoseconds.</param>
    /// <param name="ctimeSeconds">Change time, seconds.</param>
    /// <param name="ctimeNanoseconds">Change time, nanoseconds.</param>
    /// <param name="btimeSeconds">Birth time, seconds (reserved).</param>
    /// <param name="btimeNanoseconds">Birth time, nanoseconds (reserved).</param>
    /// <param name="generation">Inode generation (gen, reserved).</param>
    /// <param name="dataVersion">Data version (data_version, reserved).</param>
    public Rgetattr(GetattrMask valid, Qid qid, uint mode, uint uid, uint gid, ulong linkCount, ulong rDev, ulong size, ulong blockSize, ulong blocks, ulong atimeSeconds, ulong atimeNanoseconds, ulong mtimeSeconds, ulong mtimeNanoseconds, ulong ctimeSeconds, ulong ctimeNanoseconds, ulong btimeSeconds, ulong btimeNanoseconds, ulong generation, ulong dataVersion)
    {
        Valid = valid;
        Qid = qid;
        Mode = mode;
        Uid = uid;
        Gid = gid;
        LinkCount = linkCount;
        RDev = rDev;
        Size = size;
        BlockSize = blockSize;
        Blocks = blocks;
        AtimeSeconds = atimeSeconds;
        AtimeNanoseconds = atimeNanoseconds;
        MtimeSeconds = mtimeSeconds;
        MtimeNanoseconds = mtimeNanoseconds;
        CtimeSeconds = ctimeSeconds;
        CtimeNanoseconds = ctimeNanoseconds;
        BtimeSeconds = btimeSeconds;
        BtimeNanoseconds = btimeNanoseconds;
        Generation = generation;
        DataVersion = dataVersion;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rgetattr;

    /// <summary>Fields that carry values.</summary>
    public GetattrMask Valid { get; }

    /// <summary>Qid of the file.</summary>
    public Qid Qid { get; }

    /// <summary>File type and permission bits.</summary>
    public uint Mode { get; }

    /// <summary>Owner.</summary>
    public uint Uid { get; }

    /// <summary>Group.</summary>
    public uint Gid { get; }

    /// <summary>Number of hard links (nlink).</summary>
    public ulong LinkCount { get; }

    /// <summary>Device number of a device node.</summary>
    public ulong RDev { get; }

    /// <summary>Size in bytes.</summary>
    public ulong Size { get; }

    /// <summary>Preferred I/O size (blksize).</summary>
    public ulong BlockSize { get; }

    /// <summary>Allocated 512-byte blocks.</summary>
    public ulong Blocks { get; }

    /// <summary>Access time, seconds.</summary>
    public ulong AtimeSeconds { get; }

    /// <summary>Access time, nanoseconds.</summary>
    public ulong AtimeNanoseconds { get; }

    /// <summary>Modification time, seconds.</summary>
    public ulong MtimeSeconds { get; }

    /// <summary>Modification time, nanoseconds.</summary>
    public ulong MtimeNanoseconds { get; }

    /// <summary>Change time, seconds.</summary>
    public ulong CtimeSeconds { get; }

    /// <summary>Change time, nanoseconds.</summary>
    public ulong CtimeNanoseconds { get; }

    /// <summary>Birth time, seconds (reserved).</summary>
    public ulong BtimeSeconds { get; }

    /// <summary>Birth time, nanoseconds (reserved).</summary>
    public ulong BtimeNanoseconds { get; }

    /// <summary>Inode generation (gen, reserved).</summary>
    public ulong Generation { get; }

    /// <summary>Data version (data_version, reserved).</summary>
    public ulong DataVersion { get; }

    /// <inheritdoc/>
    public int BodyLength => 8 + Qid.EncodedLength + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8 + 8;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rgetattr message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt64(out var valid)
            && reader.TryReadQid(out var qid)
            && reader.TryReadUInt32(out var mode)
            && reader.TryReadUInt32(out var uid)
            && reader.TryReadUInt32(out var gid)
            && reader.TryReadUInt64(out var linkCount)
            && reader.TryReadUInt64(out var rDev)
            && reader.TryReadUInt64(out var size)
            && reader.TryReadUInt64(out var blockSize)
            && reader.TryReadUInt64(out var blocks)
            && reader.TryReadUInt64(out var atimeSeconds)
            && reader.TryReadUInt64(out var atimeNanoseconds)
            && reader.TryReadUInt64(out var mtimeSeconds)
            && reader.TryReadUInt64(out var mtimeNanoseconds)
            && reader.TryReadUInt64(out var ctimeSeconds)
            && reader.TryReadUInt64(out var ctimeNanoseconds)
            && reader.TryReadUInt64(out var btimeSeconds)
            && reader.TryReadUInt64(out var btimeNanoseconds)
            && reader.TryReadUInt64(out var generation)
            && reader.TryReadUInt64(out var dataVersion)
            && reader.IsAtEnd)
        {
            message = new Rgetattr((GetattrMask)valid, qid, mode, uid, gid, linkCount, rDev, size, blockSize, blocks, atimeSeconds, atimeNanoseconds, mtimeSeconds, mtimeNanoseconds, ctimeSeconds, ctimeNanoseconds, btimeSeconds, btimeNanoseconds, generation, dataVersion);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt64((ulong)Valid);
        writer.WriteQid(Qid);
        writer.WriteUInt32(Mode);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteUInt64(LinkCount);
        writer.WriteUInt64(RDev);
        writer.WriteUInt64(Size);
        writer.WriteUInt64(BlockSize);
        writer.WriteUInt64(Blocks);
        writer.WriteUInt64(AtimeSeconds);
        writer.WriteUInt64(AtimeNanoseconds);
        writer.WriteUInt64(MtimeSeconds);
        writer.WriteUInt64(MtimeNanoseconds);
        writer.WriteUInt64(CtimeSeconds);
        writer.WriteUInt64(CtimeNanoseconds);
        writer.WriteUInt64(BtimeSeconds);
        writer.WriteUInt64(BtimeNanoseconds);
        writer.WriteUInt64(Generation);
        writer.WriteUInt64(DataVersion);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rgetattr {{ Valid = {Valid}, Qid = {Qid}, Mode = {Mode}, Uid = {Uid}, Gid = {Gid}, LinkCount = {LinkCount}, RDev = {RDev}, Size = {Size}, BlockSize = {BlockSize}, Blocks = {Blocks}, AtimeSeconds = {AtimeSeconds}, AtimeNanoseconds = {AtimeNanoseconds}, MtimeSeconds = {MtimeSeconds}, MtimeNanoseconds = {MtimeNanoseconds}, CtimeSeconds = {CtimeSeconds}, CtimeNanoseconds = {CtimeNanoseconds}, BtimeSeconds = {BtimeSeconds}, BtimeNanoseconds = {BtimeNanoseconds}, Generation = {Generation}, DataVersion = {DataVersion} }}";
}
