using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Iterators;

/// <summary>
/// Forward cursor over a sorted run: the tables' iterators one after another (tables are
/// key-disjoint and in key order, and a user key never spans two of them). Only the current
/// table has an open iterator.
/// </summary>
internal sealed class RunIterator : IInternalIterator
{
    private readonly RunReader _run;
    private SstIterator? _current;
    private int _table = -1;

    /// <summary>Creates an unpositioned iterator over <paramref name="run"/>.</summary>
    internal RunIterator(RunReader run) => _run = run;

    /// <inheritdoc/>
    public bool IsValid => _current is { IsValid: true };

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Key => Current.Key;

    /// <inheritdoc/>
    public ulong Seq => Current.Seq;

    /// <inheritdoc/>
    public EntryKind Kind => Current.Kind;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Value => Current.Value;

    private SstIterator Current => _current ?? throw new InvalidOperationException("The iterator is not positioned.");

    /// <inheritdoc/>
    public async ValueTask<bool> SeekAsync(ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken = default)
    {
        var index = _run.FindTable(userKey.Span);
        if (index >= _run.Tables.Length)
        {
            Open(_run.Tables.Length);
            return false;
        }

        Open(index);
        return await _current!.SeekAsync(userKey, cancellationToken).ConfigureAwait(false)
            || await NextTableAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default)
    {
        Open(-1);
        return await NextTableAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_current is null)
        {
            return false;
        }

        return await _current.MoveNextAsync(cancellationToken).ConfigureAwait(false) || await NextTableAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }

    private async ValueTask<bool> NextTableAsync(CancellationToken cancellationToken)
    {
        while (_table + 1 < _run.Tables.Length)
        {
            Open(_table + 1);
            if (await _current!.SeekToFirstAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        _current?.Dispose();
        _current = null;
        return false;
    }

    private void Open(int index)
    {
        _current?.Dispose();
        _current = index >= 0 && index < _run.Tables.Length ? new SstIterator(_run.Tables[index]) : null;
        _table = index;
    }
}
