namespace ZeroFs.Engine.Iterators;

/// <summary>
/// K-way merge of internal iterators with a binary min-heap ordered by (user key ascending, seq
/// descending, source index ascending). Sources are given newest first, so on an exact tie
/// (the same key and seq in two sources) the newer source wins and comes out first. Every entry of
/// every source comes out; visibility is applied by <see cref="VisibleIterator"/>.
/// </summary>
internal sealed class MergingIterator : IInternalIterator
{
    private readonly IInternalIterator[] _sources;
    private readonly int[] _heap;
    private int _size;

    /// <summary>Merges <paramref name="sources"/> (newest first); takes ownership (disposes them).</summary>
    internal MergingIterator(IInternalIterator[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = sources;
        _heap = new int[sources.Length];
    }

    /// <inheritdoc/>
    public bool IsValid => _size > 0;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Key => Top.Key;

    /// <inheritdoc/>
    public ulong Seq => Top.Seq;

    /// <inheritdoc/>
    public EntryKind Kind => Top.Kind;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Value => Top.Value;

    private IInternalIterator Top => _size > 0 ? _sources[_heap[0]] : throw new InvalidOperationException("The iterator is not positioned.");

    /// <inheritdoc/>
    public async ValueTask<bool> SeekAsync(ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken = default)
    {
        _size = 0;
        for (var i = 0; i < _sources.Length; i++)
        {
            if (await _sources[i].SeekAsync(userKey, cancellationToken).ConfigureAwait(false))
            {
                Push(i);
            }
        }

        return _size > 0;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default)
    {
        _size = 0;
        for (var i = 0; i < _sources.Length; i++)
        {
            if (await _sources[i].SeekToFirstAsync(cancellationToken).ConfigureAwait(false))
            {
                Push(i);
            }
        }

        return _size > 0;
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_size == 0)
        {
            return new ValueTask<bool>(false);
        }

        var move = _sources[_heap[0]].MoveNextAsync(cancellationToken);
        if (move.IsCompletedSuccessfully)
        {
            return new ValueTask<bool>(AfterMove(move.Result));
        }

        return MoveNextSlowAsync(move);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }

        _size = 0;
    }

    private async ValueTask<bool> MoveNextSlowAsync(ValueTask<bool> move) => AfterMove(await move.ConfigureAwait(false));

    private bool AfterMove(bool topStillValid)
    {
        if (!topStillValid)
        {
            _heap[0] = _heap[--_size];
        }

        if (_size > 0)
        {
            SiftDown(0);
        }

        return _size > 0;
    }

    private void Push(int source)
    {
        var i = _size++;
        _heap[i] = source;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Less(_heap[i], _heap[parent]))
            {
                break;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _size)
            {
                return;
            }

            var smallest = left + 1 < _size && Less(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Less(_heap[smallest], _heap[i]))
            {
                return;
            }

            (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
            i = smallest;
        }
    }

    private bool Less(int a, int b)
    {
        var x = _sources[a];
        var y = _sources[b];
        var c = x.Key.SequenceCompareTo(y.Key);
        if (c != 0)
        {
            return c < 0;
        }

        return x.Seq != y.Seq ? x.Seq > y.Seq : a < b;
    }
}
