using System.Buffers;

namespace ZeroFs.NineP.Protocol.Messages;

/// <summary>
/// Rlock: Returns the outcome of a lock request. Body: <c>Status[1]</c>.
/// </summary>
public readonly ref struct Rlock : INinePMessage<Rlock>
{
    /// <summary>Creates a Rlock.</summary>
    /// <param name="status">Success, blocked, error or grace.</param>
    public Rlock(LockStatus status)
    {
        Status = status;
    }

    /// <inheritdoc/>
    public static MessageType MessageType => MessageType.Rlock;

    /// <summary>Success, blocked, error or grace.</summary>
    public LockStatus Status { get; }

    /// <inheritdoc/>
    public int BodyLength => 1;

    /// <inheritdoc/>
    public static OperationStatus TryParse(ReadOnlySpan<byte> body, out Rlock message)
    {
        var reader = new NinePReader(body);
        if (reader.TryReadByte(out var status)
            && reader.IsAtEnd)
        {
            message = new Rlock((LockStatus)status);
            return OperationStatus.Done;
        }

        message = default;
        return OperationStatus.InvalidData;
    }

    /// <inheritdoc/>
    public void WriteBody(ref NinePWriter writer)
    {
        writer.WriteByte((byte)Status);
    }

    /// <summary>Describes the message for logs and test failures (not for hot paths).</summary>
    /// <returns>The type name and every field.</returns>
    public override string ToString() => $"Rlock {{ Status = {Status} }}";
}
