using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Tgetlock: Tests whether a lock could be placed. Body: <c>Fid[4] LockType[1] Start[8] Length[8] ProcessId[4] ClientId[s]</c>.
/// </summary>
public readonly ref struct Tgetlock : INinePMessage<Tgetlock>
{
    /// <summary>Creates a Tgetlock.</summary>
    /// <param name="fid">The open file.</param>
    /// <param name="lockType">Lock that would be requested.</param>
    /// <param name="start">First byte of the range.</param>
    /// <param name="length">Length of the range; 0 means to end of file.</param>
    /// <param name="processId">Owner process id (proc_id).</param>
    /// <param name="clientId">Owner client name (client_id).</param>
    public Tgetlock(uint fid, LockType lockType, ulong start, ulong length, uint processId, ReadOnlySpan<byte> clientId)
    {
        Fid = fid;
        LockType = lockType;
        Start = start;
        Length = length;
        ProcessId = processId;
        ClientId = clientId;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Tgetlock;

    /// <summary>The open file.</summary>
    public uint Fid { get; }

    /// <summary>Lock that would be requested.</summary>
    public LockType LockType { get; }

    /// <summary>First byte of the range.</summary>
    public ulong Start { get; }

    /// <summary>Length of the range; 0 means to end of file.</summary>
    public ulong Length { get; }

    /// <summary>Owner process id (proc_id).</summary>
    public uint ProcessId { get; }

    /// <summary>Owner client name (client_id).</summary>
    public ReadOnlySpan<byte> ClientId { get; }

    /// <inheritdoc/>
    public int BodyLength => 4 + 1 + 8 + 8 + 4 + 2 + ClientId.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Tgetlock message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadUInt32(out var fid)
            && reader.TryReadByte(out var lockType)
            && reader.TryReadUInt64(out var start)
            && reader.TryReadUInt64(out var length)
            && reader.TryReadUInt32(out var processId)
            && reader.TryReadString(out var clientId)
            && reader.IsAtEnd)
        {
            message = new Tgetlock(fid, (LockType)lockType, start, length, processId, clientId);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteUInt32(Fid);
        writer.WriteByte((byte)LockType);
        writer.WriteUInt64(Start);
        writer.WriteUInt64(Length);
        writer.WriteUInt32(ProcessId);
        writer.WriteString(ClientId);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Tgetlock {{ Fid = {Fid}, LockType = {LockType}, Start = {Start}, Length = {Length}, ProcessId = {ProcessId}, ClientId = {NinePFormat.Bytes(ClientId)} }}";
}
