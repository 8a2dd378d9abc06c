using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>Fencing detection, periodic publish, failure and close (ENGINE.md §9 Close).</summary>
public sealed partial class Db
{
    /// <summary>
    /// Closes the writer: stops intake, commits the queued batches, flushes the WAL, freezes and
    /// publishes the memtable (unless <see cref="EngineOptions.PublishOnClose"/> is false), then fails
    /// any remaining waiter with <see cref="ObjectDisposedException"/>. Never hangs after fencing or
    /// a fatal error; safe to call more than once.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _disposeTask = CloseAsync();
        }

        return new ValueTask(Volatile.Read(ref _disposeTask) ?? Task.CompletedTask);
    }

    private async Task CloseAsync()
    {
        _requests.Writer.TryComplete();
        await _writeLoop.ConfigureAwait(false);

        // A barrier: a batch being committed inline finishes first, and every later one sees _closing.
        lock (_commitLock)
        {
        }

        try
        {
            if (Volatile.Read(ref _failure) is null)
            {
                var last = Volatile.Read(ref _visibleSeq);
                if (_options.PublishOnClose || _walWriter is null)
                {
                    Freeze();
                }

                if (_walWriter is not null)
                {
                    _walWriter.RequestFlush(last);
                }

                await _durability.WaitAsync(last).ConfigureAwait(false);
                while (Volatile.Read(ref _failure) is null && _options.PublishOnClose && Volatile.Read(ref _state).Frozen.Length > 0)
                {
                    var signal = Volatile.Read(ref _progress);
                    if (Volatile.Read(ref _state).Frozen.Length == 0)
                    {
                        break;
                    }

                    await signal.Task.ConfigureAwait(false);
                }

                EngineLog.Closed(_logger, last);
            }
        }
        catch (Exception ex)
        {
            // Usually already recorded (fenced, fatal store error); otherwise record it now.
            if (Volatile.Read(ref _failure) is null)
            {
                Stop(new EngineFailedException("closing the writer failed", ex));
            }
        }

        Stop(new ObjectDisposedException(nameof(Db), "The database was closed."));
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _publishLoop.ConfigureAwait(false);
        await _pollLoop.ConfigureAwait(false);
        await _compactorLoop.ConfigureAwait(false);
        if (_walWriter is not null)
        {
            await _walWriter.DisposeAsync().ConfigureAwait(false);
        }

        _tables.Dispose();
        _sstSealer.Dispose();
        _flushSealer.Dispose();
        _walSealer.Dispose();
        _manifestSealer.Dispose();
        _shutdown.Dispose();
    }

    // Reads the manifest to see other processes' changes (a standalone compactor's commits, a
    // newer writer), and forces the periodic publish that bounds how long acknowledged writes live
    // only in a separate WAL store. The read interval starts at ManifestPollInterval and doubles
    // while a read finds no version written by another process, up to the max interval; a foreign
    // version resets it (decision engine-0005). The writer's own publishes and its embedded
    // compactor's commits go through the same manifest store and count as known. The loop ticks
    // every ManifestPollInterval for the publish check, which makes no request.
    private async Task PollLoopAsync()
    {
        var token = _shutdown.Token;
        var interval = _options.ManifestPollInterval;
        var maxInterval = _options.EffectiveManifestPollMaxInterval;
        var nextRead = _time.GetTimestamp();
        try
        {
            while (Volatile.Read(ref _failure) is null)
            {
                await Task.Delay(_options.ManifestPollInterval, _time, token).ConfigureAwait(false);
                if (_time.GetTimestamp() >= nextRead)
                {
                    var foreign = await PollManifestAsync(token).ConfigureAwait(false);
                    if (foreign is null)
                    {
                        return; // fenced
                    }

                    interval = foreign.Value ? _options.ManifestPollInterval : TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, maxInterval.Ticks));
                    nextRead = _time.GetTimestamp() + (long)(interval.TotalSeconds * _time.TimestampFrequency);
                }

                if (_time.GetElapsedTime(_lastPublishTimestamp) >= _options.FlushInterval && Volatile.Read(ref _state).Memtable.Count > 0)
                {
                    _lastPublishTimestamp = _time.GetTimestamp();
                    TryEnqueue(new WriteRequest(null, null));
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception ex)
        {
            OnBackgroundFailure(ex);
        }
    }

    // One manifest read: stops the writer when a newer writer took over (null), installs a tree
    // changed by another process; true when the read found a version this process did not write.
    private async Task<bool?> PollManifestAsync(CancellationToken token)
    {
        var known = _manifests.Cached?.Id ?? 0;
        Manifest.StoredManifest? latest;
        try
        {
            latest = await _manifests.ReadLatestAsync(token).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            // Retried at the next interval; writes detect fencing on their own.
            EngineLog.PollFailed(_logger, ex);
            return false;
        }

        if (latest is null)
        {
            return false;
        }

        if (latest.Manifest.WriterEpoch > _epoch)
        {
            Stop(FencedException.ByEpoch(latest.Manifest.WriterEpoch, _epoch));
            return null;
        }

        try
        {
            await RefreshTreeAsync(latest, token).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            EngineLog.PollFailed(_logger, ex);
        }

        var foreign = latest.Id > known;
        if (foreign)
        {
            Volatile.Read(ref _compactor)?.Wake(); // another process changed the tree: there may be work
        }

        return foreign;
    }

    // A background task failed: a WAL PUT lost its CreateOnly (fenced), a store call failed after
    // retries, or the process "crashed" in a simulation.
    private void OnBackgroundFailure(Exception ex)
    {
        if (ex is FencedException fenced)
        {
            _ = DescribeFenceAsync(fenced);
            return;
        }

        Stop(ex is EngineFailedException ? ex : new EngineFailedException("the writer stopped after a fatal error", ex));
    }

    // Names the newer epoch in the message when the manifest can still be read.
    private async Task DescribeFenceAsync(FencedException fenced)
    {
        Exception final = fenced;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            var latest = await _manifests.ReadLatestAsync(timeout.Token).ConfigureAwait(false);
            if (latest is not null && latest.Manifest.WriterEpoch > _epoch)
            {
                final = new FencedException(FencedException.ByEpoch(latest.Manifest.WriterEpoch, _epoch).Message, fenced);
            }
        }
        catch (Exception ex) when (ex is ObjectStoreException or OperationCanceledException or SimulatedCrashException or CorruptionException)
        {
            // Keep the original message.
        }

        Stop(final);
    }

    // Records the first failure and wakes everything that could wait: durability waiters,
    // queued writes, backpressure and close.
    private void Stop(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        if (failure is FencedException)
        {
            EngineLog.Fenced(_logger, failure.Message);
        }
        else if (failure is not ObjectDisposedException)
        {
            EngineLog.Fatal(_logger, failure);
        }

        _durability.Fail(failure);
        _requests.Writer.TryComplete();
        SignalProgress();
        KickPublisher();
    }
}
