using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;

namespace ZeroFs.Engine.Memtable;

/// <summary>
/// A lock-free cursor over a <see cref="SkipListMemtable"/>; every move completes synchronously.
/// It holds the memtable (acquired by <see cref="SkipListMemtable.TryNewIterator"/>) until disposed.
/// </summary>
internal sealed class MemtableIterator : IInternalIterator
{
    private readonly SkipListMemtable _table;
    private MemtableNode? _node;
    private int _disposed;

    /// <summary>Creates an unpositioned iterator over a memtable the caller has acquired for it.</summary>
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
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _node = _table.FindGreaterOrEqual(userKey.Span, InternalKey.MaxSeq);
        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _node = _table.First;
        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_node is not null)
        {
            _node = Volatile.Read(ref _node.Next[0]);
        }

        return new ValueTask<bool>(_node is not null);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _node = null;
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _table.Release();
        }
    }
}
