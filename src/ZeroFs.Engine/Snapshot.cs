using System.Buffers;

namespace ZeroFs.Engine;

/// <summary>
/// A consistent read view pinned at one seq (from <see cref="Db.GetSnapshot"/>): gets and scans
/// see exactly the state after that seq's batch, whatever is written later. Dispose to release the
/// pin (it holds memtables and tables alive and keeps compaction from dropping versions it needs).
/// </summary>
public sealed class Snapshot : IDisposable
{
    private readonly ReadView _view;
    private readonly Action<Snapshot>? _release;
    private readonly bool _holdsMemtables;
    private int _disposed;

    // holdsMemtables: the caller acquired the view's memtables for the snapshot (released on dispose).
    internal Snapshot(ulong seq, ReadView view, Action<Snapshot>? release, bool holdsMemtables = false)
    {
        Seq = seq;
        _view = view;
        _release = release;
        _holdsMemtables = holdsMemtables;
    }

    /// <summary>The pinned sequence number.</summary>
    public ulong Seq { get; }

    /// <summary>Looks <paramref name="key"/> up at the snapshot; a found value is written to <paramref name="value"/>.</summary>
    public ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        KeyLimits.Validate(key.Span, 0);
        return _view.GetAsync(key, Seq, value, cancellationToken);
    }

    /// <summary>Scans [<paramref name="start"/>, <paramref name="end"/>) at the snapshot; an empty bound is unbounded.</summary>
    public DbIterator Scan(ReadOnlyMemory<byte> start = default, ReadOnlyMemory<byte> end = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new DbIterator(_view.Scan(start, end, Seq));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _release?.Invoke(this);
            if (_holdsMemtables)
            {
                _view.ReleaseMemtables();
            }
        }
    }
}
