using System.Buffers;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>
/// An immutable set of sources to read from (the read half of ENGINE.md §10's <c>DbState</c>):
/// memtables newest first (mutable one first, then frozen ones), then tables newest first (L0
/// newest→oldest, then runs newest→oldest). A point get stops at the first source whose newest
/// visible version is a value or a tombstone.
/// </summary>
internal sealed class ReadView
{
    private readonly SkipListMemtable[] _memtables;
    private readonly SstReader[] _tables;
    private readonly RunReader[] _runs;

    /// <summary>Creates a view; every list is newest first (L0 tables, then sorted runs by id descending).</summary>
    internal ReadView(SkipListMemtable[] memtables, SstReader[] tables, RunReader[]? runs = null)
    {
        _memtables = memtables;
        _tables = tables;
        _runs = runs ?? [];
    }

    /// <summary>
    /// The newest version of <paramref name="userKey"/> with seq ≤ <paramref name="snapshot"/>.
    /// A found value is copied into <paramref name="value"/>. Synchronous unless a table block
    /// must be fetched. For views whose memtables the caller holds (snapshots, followers).
    /// </summary>
    /// <exception cref="InvalidOperationException">A memtable of the view was released.</exception>
    internal ValueTask<LookupResult> GetAsync(
        ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, CancellationToken cancellationToken = default) =>
        TryGet(userKey, snapshot, value, out var result, cancellationToken)
            ? result
            : throw new InvalidOperationException("A memtable of this view was released: the view is no longer readable.");

    /// <summary>
    /// Like <see cref="GetAsync"/>, but false when a memtable of the view was released (its rows
    /// are in a published table): the caller reads a newer state. Each memtable is held only
    /// for its synchronous look-up.
    /// </summary>
    internal bool TryGet(
        ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, out ValueTask<LookupResult> result, CancellationToken cancellationToken = default)
    {
        var key = userKey.Span;
        foreach (var memtable in _memtables)
        {
            if (!memtable.TryAcquire())
            {
                result = default;
                return false;
            }

            LookupResult found;
            try
            {
                found = memtable.Get(key, snapshot, value);
            }
            finally
            {
                memtable.Release();
            }

            if (found.IsTerminal)
            {
                result = new ValueTask<LookupResult>(found);
                return true;
            }
        }

        result = _tables.Length == 0 && _runs.Length == 0
            ? new ValueTask<LookupResult>(LookupResult.NotFound)
            : GetFromTablesAsync(userKey, snapshot, value, cancellationToken);
        return true;
    }

    /// <summary>Scans [<paramref name="start"/>, <paramref name="end"/>) at <paramref name="snapshot"/>; an empty bound = unbounded.</summary>
    /// <exception cref="InvalidOperationException">A memtable of the view was released.</exception>
    internal VisibleIterator Scan(ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end, ulong snapshot) =>
        TryScan(start, end, snapshot) ?? throw new InvalidOperationException("A memtable of this view was released: the view is no longer readable.");

    /// <summary>Like <see cref="Scan"/>, or null when a memtable of the view was released (read a newer state). The scan holds the memtables until disposed.</summary>
    internal VisibleIterator? TryScan(ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end, ulong snapshot)
    {
        var sources = new IInternalIterator[_memtables.Length + _tables.Length + _runs.Length];
        for (var i = 0; i < _memtables.Length; i++)
        {
            if (_memtables[i].TryNewIterator() is not { } iterator)
            {
                for (var j = 0; j < i; j++)
                {
                    sources[j].Dispose();
                }

                return null;
            }

            sources[i] = iterator;
        }

        for (var i = 0; i < _tables.Length; i++)
        {
            sources[_memtables.Length + i] = new SstIterator(_tables[i]);
        }

        for (var i = 0; i < _runs.Length; i++)
        {
            sources[_memtables.Length + _tables.Length + i] = new RunIterator(_runs[i]);
        }

        return new VisibleIterator(new MergingIterator(sources), snapshot, start, end);
    }

    /// <summary>Holds every memtable of the view (a snapshot); false, holding none, when one was released.</summary>
    internal bool TryAcquireMemtables()
    {
        for (var i = 0; i < _memtables.Length; i++)
        {
            if (!_memtables[i].TryAcquire())
            {
                for (var j = 0; j < i; j++)
                {
                    _memtables[j].Release();
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>Drops the holds of <see cref="TryAcquireMemtables"/>.</summary>
    internal void ReleaseMemtables()
    {
        foreach (var memtable in _memtables)
        {
            memtable.Release();
        }
    }

    private async ValueTask<LookupResult> GetFromTablesAsync(
        ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, CancellationToken cancellationToken)
    {
        // An async ValueTask method that never suspends allocates nothing: the cached-block path stays free.
        foreach (var table in _tables)
        {
            var result = await table.GetAsync(userKey, snapshot, value, cancellationToken).ConfigureAwait(false);
            if (result.IsTerminal)
            {
                return result;
            }
        }

        foreach (var run in _runs)
        {
            var result = await run.GetAsync(userKey, snapshot, value, cancellationToken).ConfigureAwait(false);
            if (result.IsTerminal)
            {
                return result;
            }
        }

        return LookupResult.NotFound;
    }
}
