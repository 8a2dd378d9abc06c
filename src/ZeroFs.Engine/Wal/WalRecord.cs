namespace ZeroFs.Engine.Wal;

/// <summary>One batch decoded from a WAL segment.</summary>
/// <param name="Seq">The batch's sequence number.</param>
/// <param name="Timestamp">Writer clock (Unix ms) when the batch was committed.</param>
/// <param name="Batch">The operations.</param>
internal sealed record WalRecord(ulong Seq, long Timestamp, WriteBatch Batch);
