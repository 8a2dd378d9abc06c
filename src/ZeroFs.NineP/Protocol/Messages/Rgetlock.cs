using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rgetlock: Returns the conflicting lock, or the request with type Unlock when none conflicts. Body: <c>LockType[1] Start[8] Length[8] ProcessId[4] ClientId[s]</c>.
/// </summary>
public readonly ref struct Rgetlock : INinePMessage<Rgetlock>
{
    /// <summary>Creates a Rgetlock.</summary>
    /// <param name="lockType">Type of the conflicting lock, or Unlock.</param>
    /// <param name="start">First byte of the range.</param>
    /// <param name="length">Length of the range.</param>
    /// <param name="processId">Owner process id (proc_id).</param>
    /// <param name="clientId">Owner client name (client_id).</param>
    public Rgetlock(LockType lockType, ulong start, ulong length, uint processId, ReadOnlySpan<byte> clientId)
    {
        LockType = lockType;
        Start = start;
        Length = length;
        ProcessId = processId;
        ClientId = clientId;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rgetlock;

    /// <summary>Type of the conflicting lock, or Unlock.</summary>
    public LockType LockType { get; }

    /// <summary>First byte of the range.</summary>
    public ulong Start { get; }

    /// <summary>Length of the range.</summary>
    public ulong Length { get; }

    /// <summary>Owner process id (proc_id).</summary>
    public uint ProcessId { get; }

    /// <summary>Owner client name (client_id).</summary>
    public ReadOnlySpan<byte> ClientId { get; }

    /// <inheritdoc/>
    public int BodyLength => 1 + 8 + 8 + 4 + 2 + ClientId.Length;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rgetlock message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadByte(out var lockType)
            && reader.TryReadUInt64(out var start)
            && reader.TryReadUInt64(out var length)
            && reader.TryReadUInt32(out var processId)
            && reader.TryReadString(out var clientId)
            && reader.IsAtEnd)
        {
            message = new Rgetlock((LockType)lockType, start, length, processId, clientId);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteByte((byte)LockType);
        writer.WriteUInt64(Start);
        writer.WriteUInt64(Length);
        writer.WriteUInt32(ProcessId);
        writer.WriteString(ClientId);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rgetlock {{ LockType = {LockType}, Start = {Start}, Length = {Length}, ProcessId = {ProcessId}, ClientId = {NinePFormat.Bytes(ClientId)} }}";
}
