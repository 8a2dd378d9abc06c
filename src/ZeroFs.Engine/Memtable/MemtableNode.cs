namespace ZeroFs.Engine.Memtable;

/// <summary>
/// One skiplist node. Everything but <see cref="Next"/> is written before the node is published
/// and never changes; <see cref="Next"/> slots are written with release semantics
/// (<see cref="Volatile.Write{T}(ref T, T)"/>) and read with acquire semantics, so a reader that
/// reaches a node sees it fully built.
/// </summary>
internal sealed class MemtableNode
{
    /// <summary>Creates a node with <paramref name="height"/> levels.</summary>
    internal MemtableNode(byte[] key, ulong seq, EntryKind kind, byte[] value, int height)
    {
        Key = key;
        Seq = seq;
        Kind = kind;
        Value = value;
        Next = new MemtableNode?[height];
    }

    /// <summary>User key.</summary>
    internal byte[] Key { get; }

    /// <summary>Sequence number.</summary>
    internal ulong Seq { get; }

    /// <summary>Put or Delete.</summary>
    internal EntryKind Kind { get; }

    /// <summary>Value (empty for tombstones).</summary>
    internal byte[] Value { get; }

    /// <summary>Successor per level.</summary>
    internal MemtableNode?[] Next { get; }
}
