using ZeroFs.Crypto;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Wal;

/// <summary>
/// The WAL half of the write path with group commit (ENGINE.md §7, §9). The write loop appends
/// batches to the open segment buffer; a single flush task cuts it into a segment (assigning the
/// next id) and PUTs segments strictly in id order, one at a time, with CreateOnly. A segment is
/// written when (a) someone waits for durability of a seq it holds and no PUT is in flight — all
/// waiters that arrive during a PUT share the next one, (b) the <c>WalFlushInterval</c> timer
/// fires, (c) the buffer reaches <c>WalMaxBytes</c>, or (d) a freeze cut it. PreconditionFailed
/// means another writer fenced this id: the writer stops (Fenced). Any other failure after the
/// store's retries stops the writer too: an id is never skipped (invariant 4).
/// </summary>
internal sealed class WalWriter : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly BlockSealer _sealer;
    private readonly int _maxBytes;
    private readonly Action<ulong> _onDurable;
    private readonly Action<Exception> _onFailure;
    private readonly Lock _lock = new();
    private readonly Queue<WalSegmentBuffer> _cut = new();
    private readonly SemaphoreSlim _kick = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private readonly Task _loop;
    private readonly Memory.SegmentPool _buffers;
    private WalSegmentBuffer _open;
    private ulong _nextId;
    private ulong _writtenNextId;
    private ulong _flushTargetSeq;
    private bool _timerDue;
    private bool _failed;
    private long _sealedBytes;

    /// <summary>
    /// Starts the flush task. <paramref name="nextId"/> is the first id this writer writes (fence + 1);
    /// <paramref name="onDurable"/> gets each written segment's last seq, in order.
    /// </summary>
    internal WalWriter(
        IObjectStore store,
        BlockSealer sealer,
        ulong nextId,
        EngineOptions options,
        TimeProvider time,
        Action<ulong> onDurable,
        Action<Exception> onFailure)
    {
        _store = store;
        _sealer = sealer;
        _nextId = nextId;
        _writtenNextId = nextId;
        _maxBytes = options.WalMaxBytes;

        // Full-size segment buffers and the sealed copy come from a small pool of arrays that fit
        // a whole segment, so an ingest neither regrows nor reallocates them (decision engine-0004).
        _buffers = new Memory.SegmentPool(BlockSealer.MaxSealedLength(options.WalMaxBytes) + (64 * 1024), MaxCutSegments + 2);
        _open = new WalSegmentBuffer(_buffers);
        _onDurable = onDurable;
        _onFailure = onFailure;
        _timer = time.CreateTimer(static s => ((WalWriter)s!).OnTimer(), this, options.WalFlushInterval, options.WalFlushInterval);
        _loop = Task.Run(FlushLoopAsync);
    }

    /// <summary>Segment ids written so far are &lt; this; the next cut segment gets it.</summary>
    internal ulong NextId
    {
        get
        {
            lock (_lock)
            {
                return _nextId;
            }
        }
    }

    /// <summary>
    /// Every segment id below this exists in the store (written by this writer, or before its fence):
    /// the WAL end a checkpoint may pin without waiting for PUTs in flight.
    /// </summary>
    internal ulong WrittenNextId => Volatile.Read(ref _writtenNextId);

    /// <summary>Cut segments waiting to be written at which writes wait (<see cref="IsBacklogged"/>).</summary>
    internal const int MaxCutSegments = 3;

    /// <summary>
    /// True while <see cref="MaxCutSegments"/> cut segments wait for their PUT: the store is slower
    /// than the writes, and the write loop waits rather than buffer without bound.
    /// </summary>
    internal bool IsBacklogged
    {
        get
        {
            lock (_lock)
            {
                return _cut.Count >= MaxCutSegments;
            }
        }
    }

    /// <summary>Memory held by segment buffers: the open one, cut ones waiting, and the sealed copy being written.</summary>
    internal long BufferedBytes
    {
        get
        {
            lock (_lock)
            {
                long total = _open.Capacity + Volatile.Read(ref _sealedBytes) + _buffers.RetainedBytes;
                foreach (var segment in _cut)
                {
                    total += segment.Capacity;
                }

                return total;
            }
        }
    }

    /// <summary>Appends a committed batch (write loop only). Cuts the segment at <c>WalMaxBytes</c>.</summary>
    internal void Append(ulong seq, long timestamp, WriteBatch batch)
    {
        bool kick;
        lock (_lock)
        {
            // Cut before a batch would carry the segment past WalMaxBytes, so segments fit the
            // pooled buffers; a single larger batch still makes a segment of its own.
            var cutBefore = !_open.IsEmpty && _open.Length + batch.ApproximateBytes + (24L * batch.Count) + 32 > _maxBytes;
            if (cutBefore)
            {
                CutLocked();
            }

            _open.Append(seq, timestamp, batch);
            var full = _open.Length >= _maxBytes;
            if (full)
            {
                CutLocked();
            }

            kick = cutBefore || full;
        }

        if (kick)
        {
            Kick();
        }
    }

    /// <summary>
    /// Cuts the open buffer (if not empty) so that every batch appended so far lives in a segment
    /// with an id ≤ the returned value: the replay point of a memtable frozen now.
    /// </summary>
    internal ulong CutForFreeze()
    {
        ulong last;
        lock (_lock)
        {
            if (!_open.IsEmpty)
            {
                CutLocked();
            }

            last = _nextId - 1;
        }

        Kick();
        return last;
    }

    /// <summary>Asks for the batch with <paramref name="seq"/> to be written as soon as no PUT is in flight.</summary>
    internal void RequestFlush(ulong seq)
    {
        lock (_lock)
        {
            _flushTargetSeq = Math.Max(_flushTargetSeq, seq);
        }

        Kick();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        lock (_lock)
        {
            _open.Dispose();
            while (_cut.TryDequeue(out var segment))
            {
                segment.Dispose();
            }
        }

        _stop.Dispose();
        _kick.Dispose();
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            if (_open.IsEmpty || _failed)
            {
                return;
            }

            _timerDue = true;
        }

        Kick();
    }

    private void Kick()
    {
        try
        {
            if (_kick.CurrentCount == 0)
            {
                _kick.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private void CutLocked()
    {
        var segment = _open;
        segment.Id = _nextId++;
        _cut.Enqueue(segment);
        _open = new WalSegmentBuffer(_buffers);
    }

    // Picks the next segment to write, cutting the open buffer when a trigger asks for it.
    private WalSegmentBuffer? NextSegment()
    {
        lock (_lock)
        {
            if (_failed)
            {
                return null;
            }

            if (_cut.Count == 0 && !_open.IsEmpty && (_timerDue || (_flushTargetSeq > 0 && _flushTargetSeq >= FirstOpenSeqLocked())))
            {
                CutLocked();
            }

            _timerDue = false;
            return _cut.TryPeek(out var segment) ? segment : null;
        }
    }

    private ulong FirstOpenSeqLocked() => _open.IsEmpty ? ulong.MaxValue : _open.FirstSeq;

    private async Task FlushLoopAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            await _kick.WaitAsync(token).ConfigureAwait(false);
            while (NextSegment() is { } segment)
            {
                if (!await WriteSegmentAsync(segment, token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> WriteSegmentAsync(WalSegmentBuffer segment, CancellationToken token)
    {
        PutResult put;
        int length;
        var plaintext = segment.Plaintext;
        var sealedBuffer = _buffers.Rent(BlockSealer.MaxSealedLength(plaintext.Length));
        Volatile.Write(ref _sealedBytes, sealedBuffer.Length);
        try
        {
            length = WalSegmentCodec.Seal(_sealer, segment.Id, plaintext, sealedBuffer);

            // Cancellation never tears a commit: the PUT runs to completion once started.
            put = await _store.PutAsync(WalNames.Key(segment.Id), sealedBuffer.AsMemory(0, length), PutCondition.CreateOnly, null, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (!token.IsCancellationRequested || ex is not OperationCanceledException)
        {
            Fail(new EngineFailedException($"writing WAL segment {segment.Id} failed; the writer stopped (a WAL id is never skipped)", ex));
            return false;
        }
        finally
        {
            Volatile.Write(ref _sealedBytes, 0);
            _buffers.Return(sealedBuffer);
        }

        if (!put.IsOk)
        {
            Fail(put.Status == PutStatus.PreconditionFailed
                ? new FencedException($"WAL segment {segment.Id} already exists: a newer writer fenced the WAL; this process stopped accepting writes")
                : new EngineFailedException($"writing WAL segment {segment.Id} kept conflicting ({put.Status}); the writer stopped"));
            return false;
        }

        lock (_lock)
        {
            _cut.Dequeue();
        }

        Volatile.Write(ref _writtenNextId, segment.Id + 1);

        EngineMetrics.WalSegments.Add(1);
        EngineMetrics.WalBytes.Add(length);
        var last = segment.LastSeq;
        segment.Dispose();
        _onDurable(last);
        return true;
    }

    private void Fail(Exception ex)
    {
        lock (_lock)
        {
            _failed = true;
        }

        _onFailure(ex);
    }
}
