using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tsetattr: Changes the attributes selected by Valid. Body: <c>Fid[4] Valid[4] Mode[4] Uid[4] Gid[4] Size[8] AtimeSeconds[8] AtimeNanoseconds[8] MtimeSeconds[8] MtimeNanoseconds[8]</c>.
/// </summary>
public readonly ref struct Tsetattr : INinePMessage<Tsetattr>
{
    /// <summary>Creates a Tsetattr.</summary>
    /// <param name="fid">The file.</param>
    /// <param name="valid">Fields to apply.</param>
    /// <param name="mode">New permission bits.</param>
    /// <param name="uid">New owner.</param>
    /// <param name="gid">New group.</param>
    /// <param name="size">New size (truncate).</param>
    /// <param name="atimeSeconds">Access time, seconds; used with AtimeSet, else the server's now.</param>
    /// <param name="atimeNanoseconds">Access time, nanoseconds.</param>
    /// <param name="mtimeSeconds">Modification time, seconds; used with MtimeSet, else the server's now.</param>
    /// <param name="mtimeNanoseconds">Modification time, nanoseconds.</param>
    public Tsetattr(uint fid, SetattrMask valid, uint mode, uint uid, uint gid, ulong size, ulong atimeSeconds, ulong atimeNanoseconds, ulong mtimeSeconds, ulong mtimeNanoseconds)
    {
        Fid = fid;
        Valid = valid;
        Mode = mode;
        Uid = uid;
        Gid = gid;
        Size = size;
        AtimeSeconds = atimeSeconds;
        AtimeNanoseconds = atimeNanoseconds;
        MtimeSeconds = mtimeSeconds;
        MtimeNanoseconds = mtimeNanoseconds;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tsetattr;

    /// <summary>The file.</summary>
    public uint Fid { get; }

    /// <summary>Fields to apply.</summary>
    public SetattrMask Valid { get; }

    /// <summary>New permission bits.</summary>
    public uint Mode { get; }

    /// <summary>New owner.</summary>
    public uint Uid { get; }

    /// <summary>New group.</summary>
    public uint Gid { get; }

    /// <summary>New size (truncate).</summary>
    public ulong Size { get; }

    /// <summary>Access time, seconds; used with AtimeSet, else the server's now.</summary>
    public ulong AtimeSeconds { get; }

    /// <summary>Access time, nanoseconds.</summary>
    public ulong AtimeNanoseconds { get; }

    /// <summary>Modification time, seconds; used with MtimeSet, else the server's now.</summary>
    public ulong MtimeSeconds { get; }

    /// <summary>Modification time, nanoseconds.</summary>
    public ulong MtimeNanoseconds { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 4 + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 8;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tsetattr message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadUInt32(out var valid)
            && reader.TryReadUInt32(out var mode)
            && reader.TryReadUInt32(out var uid)
            && reader.TryReadUInt32(out var gid)
            && reader.TryReadUInt64(out var size)
            && reader.TryReadUInt64(out var atimeSeconds)
            && reader.TryReadUInt64(out var atimeNanoseconds)
            && reader.TryReadUInt64(out var mtimeSeconds)
            && reader.TryReadUInt64(out var mtimeNanoseconds)
            && reader.IsAtEnd)
        {
            message = new Tsetattr(fid, (SetattrMask)valid, mode, uid, gid, size, atimeSeconds, atimeNanoseconds, mtimeSeconds, mtimeNanoseconds);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteUInt32((uint)Valid);
        writer.WriteUInt32(Mode);
        writer.WriteUInt32(Uid);
        writer.WriteUInt32(Gid);
        writer.WriteUInt64(Size);
        writer.WriteUInt64(AtimeSeconds);
        writer.WriteUInt64(AtimeNanoseconds);
        writer.WriteUInt64(MtimeSeconds);
        writer.WriteUInt64(MtimeNanoseconds);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tsetattr {{ Fid = {Fid}, Valid = {Valid}, Mode = {Mode}, Uid = {Uid}, Gid = {Gid}, Size = {Size}, AtimeSeconds = {AtimeSeconds}, AtimeNanoseconds = {AtimeNanoseconds}, MtimeSeconds = {MtimeSeconds}, MtimeNanoseconds = {MtimeNanoseconds} }}";
}
