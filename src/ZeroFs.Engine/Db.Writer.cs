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
            if (Volatile.Read(ref _failure) is { } failure)
            {
                request.Completion?.TrySetException(failure);
                continue;
            }

            try
            {
                if (request.Batch is null)
                {
                    Freeze();
                    continue;
                }

                await WaitForRoomAsync().ConfigureAwait(false);
                Commit(request.Batch, request.Completion!);
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
        }
    }

    private void Commit(WriteBatch batch, TaskCompletionSource<long> completion)
    {
        var state = Volatile.Read(ref _state);
        var seq = Volatile.Read(ref _visibleSeq) + 1;
        var tick = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), _lastTick);
        _walWriter?.Append(seq, tick, batch);
        state.Memtable.Apply(batch, seq);
        _lastTick = tick;

        // Publishing the seq makes the whole batch visible at once (invariant 3).
        Volatile.Write(ref _visibleSeq, seq);
        EngineMetrics.Batches.Add(1);
        completion.TrySetResult((long)seq);
        if (state.Memtable.ApproximateBytes >= _options.L0TableBytes)
        {
            Freeze();
        }
    }

    // Backpressure: wait while unpublished memtables hold MaxUnflushedBytes.
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

            if (Volatile.Read(ref _state).UnflushedBytes < _options.MaxUnflushedBytes)
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

            // The upload exists before the frozen table becomes visible: a publish loop that is already
            // running may pick it up the moment the state is swapped. (UploadAsync yields before any work.)
            frozen.Upload = UploadAsync(frozen);
            Volatile.Write(ref _state, new DbState(NewMemtable(), state.Frozen.Insert(0, frozen), state.L0, state.Runs, state.Manifest));
        }

        EngineLog.Frozen(_logger, frozen.TableId, frozen.Table.ApproximateBytes, frozen.Table.MinSeq, frozen.Table.MaxSeq, frozen.ReplayAfter);
        KickPublisher();
    }

    // Build + seal + PUT one L0 table (parallelism L0UploadParallelism).
    private async Task<SstInfo> UploadAsync(FrozenMemtable frozen)
    {
        await _uploadSlots.WaitAsync().ConfigureAwait(false);
        try
        {
            await Task.Yield();
            using var built = Build(frozen);

            // CreateOnly: a table object is never replaced (a ULID collision must not clobber a published table).
            var put = await _main.PutAsync(SstInfo.ObjectKey(frozen.TableId), built.Body, PutCondition.CreateOnly, null, CancellationToken.None)
                .ConfigureAwait(false);
            if (!put.IsOk)
            {
                throw new EngineFailedException($"uploading L0 table {frozen.TableId} failed ({put.Status}): the table id is already taken");
            }

            return built.Info;
        }
        finally
        {
            _uploadSlots.Release();
        }
    }

    private SstBuildResult Build(FrozenMemtable frozen)
    {
        using var writer = new SstWriter(frozen.TableId, _sstSealer, _options.Sst, SstCreator.Writer, _epoch);
        for (var node = frozen.Table.First; node is not null; node = Volatile.Read(ref node.Next[0]))
        {
            writer.Add(node.Key, node.Seq, node.Kind, node.Value);
        }

        return writer.Finish();
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
