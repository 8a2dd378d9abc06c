using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>The write loop (ENGINE.md §9 Write): one reader of the request channel owns seq assignment, the WAL buffer and the memtable.</summary>
public sealed partial class Db
{
    private async Task WriteLoopAsync()
    {
        await foreach (var request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (Volatile.Read(ref _failure) is { } failure)
                {
                    request.Completion?.TrySetException(failure);
                    continue;
                }

                if (request.Batch is null)
                {
                    lock (_commitLock)
                    {
                        Freeze();
                    }

                    continue;
                }

                await WaitForRoomAsync().ConfigureAwait(false);
                long seq;
                lock (_commitLock)
                {
                    seq = Commit(request.Batch);
                }

                request.Completion!.TrySetResult(seq);
            }
            catch (Exception ex)
            {
                var stop = Volatile.Read(ref _failure) ?? ex;
                request.Completion?.TrySetException(stop);
                if (Volatile.Read(ref _failure) is null)
                {
                    Stop(new EngineFailedException("the write loop failed; the writer stopped", ex));
                }
            }
            finally
            {
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    /// <summary>
    /// The fast path of <see cref="WriteAsync"/>: when nothing is queued, nothing is waiting for room and
    /// no other commit is running, the caller commits the batch itself, sparing two thread hops (to the
    /// write loop and back). Otherwise the batch goes through the write loop.
    /// </summary>
    private bool TryCommitInline(WriteBatch batch, out long seq)
    {
        seq = 0;
        if (Volatile.Read(ref _queued) != 0 || !_commitLock.TryEnter())
        {
            return false;
        }

        try
        {
            if (Volatile.Read(ref _queued) != 0 || Volatile.Read(ref _closing) != 0 || Volatile.Read(ref _failure) is not null
                || !HasRoom(Volatile.Read(ref _state)))
            {
                return false;
            }

            seq = Commit(batch);
            return true;
        }
        finally
        {
            _commitLock.Exit();
        }
    }

    /// <summary>Queues a request for the write loop; false once the loop no longer takes any.</summary>
    private bool TryEnqueue(WriteRequest request)
    {
        Interlocked.Increment(ref _queued);
        if (_requests.Writer.TryWrite(request))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    // Applies a batch under _commitLock and returns its seq.
    private long Commit(WriteBatch batch)
    {
        var state = Volatile.Read(ref _state);
        var seq = Volatile.Read(ref _visibleSeq) + 1;
        var tick = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), _lastTick);
        _walWriter?.Append(seq, tick, batch);
        var before = state.Memtable.ApproximateBytes;
        state.Memtable.Apply(batch, seq);
        Volatile.Write(ref _committedBytes, _committedBytes + state.Memtable.ApproximateBytes - before);
        _lastTick = tick;

        // Publishing the seq makes the whole batch visible at once (invariant 3).
        Volatile.Write(ref _visibleSeq, seq);
        EngineMetrics.Batches.Add(1);
        if (state.Memtable.ApproximateBytes >= _options.L0TableBytes)
        {
            Freeze();
        }

        return (long)seq;
    }

    // Backpressure: wait while unpublished memtables hold EffectiveMaxUnflushedBytes, while the WAL has
    // WalWriter.MaxCutSegments segments waiting for their PUT, or while the memory accountant's
    // total is over the budget (Db.Memory.cs). Publishes, returned upload segments, released
    // read-ahead windows and written WAL segments signal progress.
    private async Task WaitForRoomAsync()
    {
        var started = 0L;
        while (true)
        {
            var signal = Volatile.Read(ref _progress);
            if (Volatile.Read(ref _failure) is { } failure)
            {
                throw failure;
            }

            bool room;
            lock (_commitLock)
            {
                // Under the lock: the memory check may freeze the memtable, which must not race an inline commit.
                room = HasRoom(Volatile.Read(ref _state));
            }

            if (room)
            {
                break;
            }

            if (started == 0)
            {
                started = _time.GetTimestamp();
            }

            await signal.Task.ConfigureAwait(false);
        }

        if (started != 0)
        {
            EngineMetrics.BackpressureWait.Record(_time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private bool HasRoom(DbState state) =>
        state.UnflushedBytes < _maxUnflushed && _walWriter?.IsBacklogged != true && !MustWaitForMemory(state);

    // Freeze the mutable memtable (write loop, or close after the loop ended): mint the table id in
    // seq order, stamp the WAL replay point, swap in a new memtable and start the upload.
    private void Freeze()
    {
        FrozenMemtable frozen;
        lock (_stateLock)
        {
            var state = _state;
            if (state.Memtable.Count == 0)
            {
                return;
            }

            state.Memtable.Freeze();
            var replayAfter = _walWriter?.CutForFreeze() ?? _fenceId;
            frozen = new FrozenMemtable(state.Memtable, _ulids.Next(), replayAfter, _lastTick);

            // The upload exists before the memtable is visible in the state: the publisher may
            // find it there at once (after publishing an older one) and awaits its upload.
            var upload = frozen;
            frozen.Upload = Task.Run(() => UploadAsync(upload));
            Volatile.Write(ref _state, new DbState(NewMemtable(), state.Frozen.Insert(0, frozen), state.L0, state.Runs, state.Manifest));
        }

        EngineLog.Frozen(_logger, frozen.TableId, frozen.Table.ApproximateBytes, frozen.Table.MinSeq, frozen.Table.MaxSeq, frozen.ReplayAfter);
        KickPublisher();
    }

    // Build + seal + upload one L0 table (parallelism L0UploadParallelism), streamed in parts
    // of pooled segments (decision engine-0004).
    private async Task<SstInfo> UploadAsync(FrozenMemtable frozen)
    {
        await _uploadSlots.WaitAsync().ConfigureAwait(false);
        try
        {
            // CreateOnly: a table object is never replaced (a ULID collision must not clobber a published table).
            var upload = _main.StartUpload(SstInfo.ObjectKey(frozen.TableId), PutCondition.CreateOnly);
            var writer = new SstWriter(frozen.TableId, _flushSealer, _options.Sst, new TableOutput(_segments, upload), SstCreator.Writer, _epoch);
            await using (writer.ConfigureAwait(false))
            {
                // Cancellation never tears a commit: an upload runs to completion once started.
                for (var node = frozen.Table.First; node is not null; node = Volatile.Read(ref node.Next[0]))
                {
                    writer.Add(node.Key, node.Seq, node.Kind, node.Value.Span);
                    if (writer.HasPendingPart)
                    {
                        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }

                var built = await writer.FinishAsync(CancellationToken.None).ConfigureAwait(false);
                if (!built.Put.IsOk)
                {
                    throw new EngineFailedException($"uploading L0 table {frozen.TableId} failed ({built.Put.Status}): the table id is already taken");
                }

                return built.Info;
            }
        }
        finally
        {
            _uploadSlots.Release();
        }
    }

    private void KickPublisher()
    {
        try
        {
            if (_publishKick.CurrentCount == 0)
            {
                _publishKick.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Closed.
        }
    }

    private void SignalProgress()
    {
        var previous = Interlocked.Exchange(ref _progress, NewSignal());
        previous.TrySetResult();
    }
}
