namespace ZeroFs.Engine.Memtable;

/// <summary>
/// One skiplist node. Its key and value live side by side in a slab of the memtable's arena
/// (<see cref="MemtableArena"/>), not in arrays of their own. Everything but <see cref="Next"/> is
/// written before the node is published and never changes; <see cref="Next"/> slots are written
/// with release semantics (<see cref="Volatile.Write{T}(ref T, T)"/>) and read with acquire
/// semantics, so a reader that reaches a node sees it fully built.
/// </summary>
internal sealed class MemtableNode
{
    private readonly byte[] _data;
    private readonly int _offset;
    private readonly int _keyLength;
    private readonly int _valueLength;

    /// <summary>Creates a node whose key is <c>data[offset..+keyLength]</c>, followed by its value.</summary>
    internal MemtableNode(byte[] data, int offset, int keyLength, int valueLength, ulong seq, EntryKind kind, int height)
    {
        _data = data;
        _offset = offset;
        _keyLength = keyLength;
        _valueLength = valueLength;
        Seq = seq;
        Kind = kind;
        Next = new MemtableNode?[height];
    }

    /// <summary>User key.</summary>
    internal ReadOnlySpan<byte> Key => new(_data, _offset, _keyLength);

    /// <summary>Sequence number.</summary>
    internal ulong Seq { get; }

    /// <summary>Put or Delete.</summary>
    internal EntryKind Kind { get; }

    /// <summary>Value (empty for tombstones).</summary>
    internal ReadOnlyMemory<byte> Value => new(_data, _offset + _keyLength, _valueLength);

    /// <summary>Successor per level.</summary>
    internal MemtableNode?[] Next { get; }
}
