using System.Buffers;
using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Memory;

namespace ZeroFs.Engine.Memtable;

/// <summary>
/// The in-memory table (ENGINE.md §9 write path): a skiplist ordered by user key ascending, then
/// seq descending. One writer thread inserts (the engine's write loop); any number of readers
/// search and iterate concurrently without locks. Insertion links a node bottom-up with release
/// stores, so a reader sees either the whole node or none of it; a batch becomes visible to
/// snapshot reads only once the engine publishes its seq, never part of it.
/// </summary>
internal sealed class SkipListMemtable
{
    /// <summary>Maximum tower height; with branching 4 that indexes ~4^16 entries well.</summary>
    internal const int MaxHeight = 16;

    /// <summary>Per-entry bookkeeping counted by <see cref="ApproximateBytes"/> beyond key and value.</summary>
    private const int NodeOverhead = 96;

    private readonly MemtableNode _head = new([], 0, 0, 0, 0, EntryKind.Put, MaxHeight);
    private readonly MemtableNode[] _predecessors = new MemtableNode[MaxHeight];
    private readonly MemtableArena _arena;
    private ulong _random;
    private int _height = 1;
    private long _approximateBytes;
    private long _arenaBytes;
    private long _count;
    private bool _frozen;

    /// <summary>
    /// Creates an empty memtable; <paramref name="seed"/> drives tower heights (deterministic runs).
    /// With <paramref name="slabs"/>, keys and values live in slabs of that pool, returned once the
    /// memtable is released by its owner and every reader (see <see cref="MemtableArena"/>).
    /// </summary>
    internal SkipListMemtable(ulong seed = 0x9E3779B97F4A7C15, SegmentPool? slabs = null)
    {
        _random = seed == 0 ? 1 : seed;
        _arena = new MemtableArena(slabs);
    }

    /// <summary>Bytes of keys, values and node overhead inserted so far (for freeze decisions).</summary>
    internal long ApproximateBytes => Volatile.Read(ref _approximateBytes);

    /// <summary>Bytes of arena slabs holding the keys and values (at least their sum).</summary>
    internal long ArenaBytes => Volatile.Read(ref _arenaBytes);

    /// <summary>Entries inserted.</summary>
    internal long Count => Volatile.Read(ref _count);

    /// <summary>Smallest seq inserted (ulong.MaxValue when empty).</summary>
    internal ulong MinSeq { get; private set; } = ulong.MaxValue;

    /// <summary>Largest seq inserted (0 when empty).</summary>
    internal ulong MaxSeq { get; private set; }

    /// <summary>True after <see cref="Freeze"/>: no more inserts.</summary>
    internal bool IsFrozen => Volatile.Read(ref _frozen);

    /// <summary>Stops inserts; the table is now immutable and ready to be flushed.</summary>
    internal void Freeze() => Volatile.Write(ref _frozen, true);

    /// <summary>
    /// Inserts an entry (writer thread only). Throws when frozen or when the same (key, seq) exists
    /// (a batch holds each key once, and seqs are unique per batch).
    /// </summary>
    internal void Insert(ReadOnlySpan<byte> key, ulong seq, EntryKind kind, ReadOnlySpan<byte> value)
    {
        KeyLimits.Validate(key, value.Length);
        if (_frozen)
        {
            throw new InvalidOperationException("The memtable is frozen.");
        }

        var height = Volatile.Read(ref _height);
        var x = _head;
        for (var level = height - 1; level >= 0; level--)
        {
            var next = x.Next[level];
            while (next is not null && InternalKey.Compare(next.Key, next.Seq, key, seq) < 0)
            {
                x = next;
                next = x.Next[level];
            }

            _predecessors[level] = x;
        }

        var successor = _predecessors[0].Next[0];
        if (successor is not null && InternalKey.Compare(successor.Key, successor.Seq, key, seq) == 0)
        {
            throw new InvalidOperationException("An entry with this key and seq is already in the memtable.");
        }

        var nodeHeight = RandomHeight();
        for (var level = height; level < nodeHeight; level++)
        {
            _predecessors[level] = _head;
        }

        var (data, offset) = _arena.Append(key, value);
        var node = new MemtableNode(data, offset, key.Length, value.Length, seq, kind, nodeHeight);
        for (var level = 0; level < nodeHeight; level++)
        {
            node.Next[level] = _predecessors[level].Next[level];
        }

        // Publish bottom-up: once linked at level 0 the node is reachable, fully built.
        for (var level = 0; level < nodeHeight; level++)
        {
            Volatile.Write(ref _predecessors[level].Next[level], node);
        }

        if (nodeHeight > height)
        {
            Volatile.Write(ref _height, nodeHeight);
        }

        Array.Clear(_predecessors);
        MinSeq = Math.Min(MinSeq, seq);
        MaxSeq = Math.Max(MaxSeq, seq);
        Volatile.Write(ref _approximateBytes, _approximateBytes + key.Length + value.Length + NodeOverhead + (8 * nodeHeight));
        Volatile.Write(ref _arenaBytes, _arena.AllocatedBytes);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>Inserts every entry of <paramref name="batch"/> at <paramref name="seq"/> (writer thread only).</summary>
    internal void Apply(WriteBatch batch, ulong seq)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            Insert(entry.Key.Span, seq, entry.Kind, entry.Value.Span);
        }
    }

    /// <summary>Newest version of <paramref name="userKey"/> with seq ≤ <paramref name="snapshot"/>, without copying its value.</summary>
    internal LookupStatus Get(ReadOnlySpan<byte> userKey, ulong snapshot, out ulong seq, out ReadOnlyMemory<byte> value)
    {
        var node = FindGreaterOrEqual(userKey, snapshot);
        if (node is null || !node.Key.SequenceEqual(userKey))
        {
            seq = 0;
            value = default;
            return LookupStatus.NotFound;
        }

        seq = node.Seq;
        value = node.Value;
        return node.Kind == EntryKind.Delete ? LookupStatus.Deleted : LookupStatus.Found;
    }

    /// <summary>Like <see cref="Get(ReadOnlySpan{byte}, ulong, out ulong, out ReadOnlyMemory{byte})"/>, copying a found value into <paramref name="value"/>.</summary>
    internal LookupResult Get(ReadOnlySpan<byte> userKey, ulong snapshot, IBufferWriter<byte>? value)
    {
        var status = Get(userKey, snapshot, out var seq, out var bytes);
        if (status == LookupStatus.Found && value is not null && !bytes.IsEmpty)
        {
            bytes.Span.CopyTo(value.GetSpan(bytes.Length));
            value.Advance(bytes.Length);
        }

        return new LookupResult(status, seq, status == LookupStatus.Found ? bytes.Length : 0);
    }

    /// <summary>An iterator over every entry (concurrent inserts may or may not be seen); it holds the memtable until disposed.</summary>
    /// <exception cref="InvalidOperationException">The memtable was released (see <see cref="TryNewIterator"/>).</exception>
    internal IInternalIterator NewIterator() => TryNewIterator() ?? throw new InvalidOperationException("The memtable was released.");

    /// <summary>Like <see cref="NewIterator"/>, or null when the memtable was released (read a newer state).</summary>
    internal MemtableIterator? TryNewIterator() => _arena.TryAcquire() ? new MemtableIterator(this) : null;

    /// <summary>Takes a reader's hold on the keys and values; false when released (read a newer state).</summary>
    internal bool TryAcquire() => _arena.TryAcquire();

    /// <summary>Drops a hold taken by <see cref="TryAcquire"/>.</summary>
    internal void Release() => _arena.Release();

    /// <summary>Drops the engine's hold: the memtable left the read state (its rows are in a published table).</summary>
    internal void ReleaseOwner() => _arena.ReleaseOwner();

    /// <summary>First node at or after (<paramref name="key"/>, <paramref name="seq"/>), or null.</summary>
    internal MemtableNode? FindGreaterOrEqual(ReadOnlySpan<byte> key, ulong seq)
    {
        var x = _head;
        MemtableNode? next = null;
        for (var level = Volatile.Read(ref _height) - 1; level >= 0; level--)
        {
            next = Volatile.Read(ref x.Next[level]);
            while (next is not null && InternalKey.Compare(next.Key, next.Seq, key, seq) < 0)
            {
                x = next;
                next = Volatile.Read(ref x.Next[level]);
            }
        }

        // Return the node compared above, never a re-read of x.Next[0]: a concurrent insert may have
        // linked a node that sorts before the target (a newer, still invisible version) after x.
        return next;
    }

    /// <summary>The first node, or null when empty.</summary>
    internal MemtableNode? First => Volatile.Read(ref _head.Next[0]);

    private int RandomHeight()
    {
        // xorshift64: deterministic per seed, no shared Random (STYLE.md §4.11). Branching factor 4.
        var x = _random;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _random = x;
        var height = 1;
        while (height < MaxHeight && (x & 3) == 0)
        {
            height++;
            x >>= 2;
        }

        return height;
    }
}
