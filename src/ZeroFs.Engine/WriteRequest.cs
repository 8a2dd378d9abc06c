namespace ZeroFs.Engine;

/// <summary>A message to the write loop: a batch to commit, or a request to freeze the memtable.</summary>
/// <param name="Batch">The batch, or null for a freeze request.</param>
/// <param name="Completion">Completed with the batch's seq once it is in the memtable.</param>
internal readonly record struct WriteRequest(WriteBatch? Batch, TaskCompletionSource<long>? Completion);
