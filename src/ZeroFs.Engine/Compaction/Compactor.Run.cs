using ZeroFs.Engine.Manifest;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>The compactor's loop: poll, pick, run up to MaxConcurrentJobs, heartbeat, GC.</summary>
public sealed partial class Compactor
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Makes a running <see cref="RunAsync"/> poll now (the writer calls it after each L0 publish).</summary>
    internal void Wake() => Volatile.Read(ref _wake).TrySetResult();

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled (returns normally) or a newer
    /// compactor claims the epoch (throws <see cref="FencedException"/>). Polls the manifest every
    /// <see cref="CompactorOptions.PollInterval"/> while there is work or other processes write
    /// versions, backing off to <see cref="CompactorOptions.MaxPollInterval"/> while there is
    /// none, and wakes at once when a job finishes or <see cref="Wake"/> is called; a failed job
    /// is logged and picked again later; GC runs every <see cref="Gc.GcOptions.Interval"/>, backing
    /// off to <see cref="Gc.GcOptions.MaxInterval"/> while passes find nothing on an unchanged tree.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var active = new List<Task>();
        var pollInterval = _options.PollInterval;
        var maxPollInterval = _options.EffectiveMaxPollInterval;
        var nextGc = _time.GetUtcNow();
        var gcInterval = _options.Gc.Interval;
        var gcManifestId = 0UL;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Reap(active);
                var busy = active.Count > 0;
                var known = _manifests.Cached?.Id ?? 0;
                StoredManifest? latest = null;
                try
                {
                    latest = await ReadLatestAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ObjectStoreException or CorruptionException)
                {
                    EngineLog.CompactorPollFailed(_logger, ex);
                }

                if (latest is { } manifest)
                {
                    foreach (var job in PickJobs(manifest, _options.MaxConcurrentJobs))
                    {
                        active.Add(RunReservedJobAsync(job, cancellationToken));
                        busy = true;
                    }

                    // A version another process wrote (this process's writes are already known).
                    busy |= manifest.Id > known;
                    if (_standalone && active.Count == 0 && _time.GetUtcNow() - _lastHeartbeat >= _options.HeartbeatInterval)
                    {
                        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                pollInterval = busy ? _options.PollInterval : TimeSpan.FromTicks(Math.Min(pollInterval.Ticks * 2, maxPollInterval.Ticks));
                if (_options.Gc.Enabled && _time.GetUtcNow() >= nextGc)
                {
                    (gcInterval, gcManifestId) = await CollectOnScheduleAsync(gcInterval, gcManifestId, cancellationToken).ConfigureAwait(false);
                    nextGc = _time.GetUtcNow() + gcInterval;
                }

                var wait = _options.Gc.Enabled
                    ? Math.Min(pollInterval.Ticks, Math.Max((nextGc - _time.GetUtcNow()).Ticks, TimeSpan.TicksPerMillisecond))
                    : pollInterval.Ticks;
                var delay = Task.Delay(TimeSpan.FromTicks(wait), _time, cancellationToken);
                await Task.WhenAny([.. active, delay, Volatile.Read(ref _wake).Task]).ConfigureAwait(false);
                if (_wake.Task.IsCompleted)
                {
                    Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    pollInterval = _options.PollInterval;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (FencedException ex)
        {
            EngineLog.CompactorFenced(_logger, ex.Message);
            throw;
        }
        finally
        {
            foreach (var task in active)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Stopping: the job's outputs (if any) are orphans for GC.
                }
            }

            EngineLog.CompactorStopped(_logger, Epoch);
        }
    }

    // One scheduled GC pass; returns the interval to the next and the manifest id it worked from.
    // A pass that removed nothing from a tree whose manifest did not change since the previous
    // pass doubles the interval (up to MaxInterval); anything else resets it.
    private async Task<(TimeSpan Interval, ulong ManifestId)> CollectOnScheduleAsync(TimeSpan interval, ulong previousManifestId, CancellationToken cancellationToken)
    {
        try
        {
            var report = await _gc.RunAsync(false, cancellationToken).ConfigureAwait(false);
            var idle = report.ManifestId == previousManifestId && report.ExpiredCheckpoints.Count == 0
                && report.Wal.Count == 0 && report.Tables.Count == 0 && report.Manifests.Count == 0;
            var next = idle ? TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, _options.Gc.EffectiveMaxInterval.Ticks)) : _options.Gc.Interval;
            return (next, report.ManifestId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EngineLog.GcFailed(_logger, ex);
            return (_options.Gc.Interval, 0);
        }
    }

    // Removes finished jobs; a fenced job stops the loop, another failure is logged.
    private void Reap(List<Task> active)
    {
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var task = active[i];
            if (!task.IsCompleted)
            {
                continue;
            }

            active.RemoveAt(i);
            if (task.Exception?.InnerException is FencedException fenced)
            {
                throw new FencedException(fenced.Message, fenced);
            }

            if (task.Exception?.InnerException is { } failure and not OperationCanceledException)
            {
                EngineLog.CompactionFailed(_logger, failure);
            }
        }
    }
}
