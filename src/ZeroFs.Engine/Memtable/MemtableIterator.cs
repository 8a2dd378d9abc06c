using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;

namespace ZeroFs.Engine.Memtable;

/// <summary>A lock-free cursor over a <see cref="SkipListMemtable"/>; every move completes synchronously.</summary>
internal sealed class MemtableIterator : IInternalIterator
{
    private readonly SkipListMemtable _table;
    private MemtableNode? _node;

    /// <summary>Creates an unpositioned iterator.</summary>
    internal MemtableIterator(SkipListMemtable table) => _table = table;

    /// <inheritdoc/>
    public bool IsValid => _node is not null;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Key => Current.Key;

    /// <inheritdoc/>
    public ulong Seq => Current.Seq;

    /// <inheritdoc/>
    public EntryKind Kind => Current.Kind;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Value => Current.Value;

    private MemtableNode Current => _node ?? throw new InvalidOperationException("The iterator is not positioned.");

    /// <inheritdoc/>
    public ValueTask<bool> SeekAsync(ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken = default)
    {
        _node = _table.FindGreaterOrEqual(userKey.Span, InternalKey.MaxSeq);
        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default)
    {
        _node = _table.First;
        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_node is not null)
        {
            _node = Volatile.Read(ref _node.Next[0]);
        }

        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public void Dispose() => _node = null;
}
