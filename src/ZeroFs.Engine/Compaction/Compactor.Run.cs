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
    /// <see cref="CompactorOptions.PollInterval"/> and wakes early when a job finishes; a failed job
    /// is logged and picked again later; GC runs every <see cref="Gc.GcOptions.Interval"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var active = new List<Task>();
        var nextGc = _time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Reap(active);
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
                    }

                    if (_standalone && active.Count == 0 && _time.GetUtcNow() - _lastHeartbeat >= _options.HeartbeatInterval)
                    {
                        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                if (_options.Gc.Enabled && _time.GetUtcNow() >= nextGc)
                {
                    nextGc = _time.GetUtcNow() + _options.Gc.Interval;
                    try
                    {
                        await _gc.RunAsync(false, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        EngineLog.GcFailed(_logger, ex);
                    }
                }

                var wait = Math.Min(_options.PollInterval.Ticks, Math.Max((nextGc - _time.GetUtcNow()).Ticks, TimeSpan.TicksPerMillisecond));
                var delay = Task.Delay(TimeSpan.FromTicks(_options.Gc.Enabled ? wait : _options.PollInterval.Ticks), _time, cancellationToken);
                await Task.WhenAny([.. active, delay, Volatile.Read(ref _wake).Task]).ConfigureAwait(false);
                if (_wake.Task.IsCompleted)
                {
                    Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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
