namespace ZeroFs.Engine;

/// <summary>One operation of a <see cref="WriteBatch"/>.</summary>
/// <param name="Kind">Put or Delete.</param>
/// <param name="Key">The user key (owned by the batch).</param>
/// <param name="Value">The value (empty for a delete).</param>
public readonly record struct BatchEntry(EntryKind Kind, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
