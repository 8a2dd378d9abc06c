using System.Buffers;

namespace ZeroFs.Engine.Iterators;

/// <summary>
/// A user-facing scan at a snapshot over a range [start, end): for each user key, the newest
/// version with seq ≤ snapshot decides; a tombstone hides the key (and every older version), a
/// value is returned once. Built on any internal iterator, normally a <see cref="MergingIterator"/>.
/// <see cref="Key"/> and <see cref="Value"/> stay valid until the next move.
/// </summary>
internal sealed class VisibleIterator : IDisposable
{
    private readonly IInternalIterator _source;
    private readonly ulong _snapshot;
    private readonly ReadOnlyMemory<byte> _start;
    private readonly ReadOnlyMemory<byte> _end;
    private byte[] _key = ArrayPool<byte>.Shared.Rent(256);
    private int _keyLength;
    private bool _started;
    private bool _done;

    /// <summary>
    /// Scans <paramref name="source"/> (takes ownership) at <paramref name="snapshot"/> over
    /// [<paramref name="start"/>, <paramref name="end"/>). An empty bound means unbounded (user keys
    /// are never empty, so no real bound is lost).
    /// </summary>
    internal VisibleIterator(IInternalIterator source, ulong snapshot, ReadOnlyMemory<byte> start, ReadOnlyMemory<byte> end)
    {
        _source = source;
        _snapshot = snapshot;
        _start = start;
        _end = end;
    }

    /// <summary>The current user key.</summary>
    internal ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>The current value.</summary>
    internal ReadOnlyMemory<byte> Value => _source.Value;

    /// <summary>The seq of the current version.</summary>
    internal ulong Seq => _source.Seq;

    /// <summary>Moves to the next visible key; false at the end of the range.</summary>
    internal async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return false;
        }

        bool valid;
        if (!_started)
        {
            _started = true;
            valid = _start.IsEmpty
                ? await _source.SeekToFirstAsync(cancellationToken).ConfigureAwait(false)
                : await _source.SeekAsync(_start, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            valid = await SkipCurrentKeyAsync(cancellationToken).ConfigureAwait(false);
        }

        while (valid)
        {
            if (!_end.IsEmpty && _source.Key.SequenceCompareTo(_end.Span) >= 0)
            {
                break;
            }

            if (_source.Seq > _snapshot)
            {
                valid = await _source.MoveNextAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            Remember(_source.Key);
            if (_source.Kind == EntryKind.Put)
            {
                return true;
            }

            valid = await SkipCurrentKeyAsync(cancellationToken).ConfigureAwait(false);
        }

        _done = true;
        _keyLength = 0;
        return false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _source.Dispose();
        var key = _key;
        _key = [];
        if (key.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(key);
        }
    }

    private async ValueTask<bool> SkipCurrentKeyAsync(CancellationToken cancellationToken)
    {
        bool valid;
        do
        {
            valid = await _source.MoveNextAsync(cancellationToken).ConfigureAwait(false);
        }
        while (valid && _source.Key.SequenceEqual(Key));

        return valid;
    }

    private void Remember(ReadOnlySpan<byte> key)
    {
        if (key.Length > _key.Length)
        {
            ArrayPool<byte>.Shared.Return(_key);
            _key = ArrayPool<byte>.Shared.Rent(key.Length);
        }

        key.CopyTo(_key);
        _keyLength = key.Length;
    }
}
