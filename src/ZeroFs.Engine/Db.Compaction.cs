using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine;

/// <summary>
/// The embedded compactor (ENGINE.md §9 "Standalone mode"): started with the writer unless the
/// options say external or the manifest shows a live standalone compactor; its commits are
/// installed into the read state at once. Its failures never stop the writer: a fenced or failed
/// compactor only means L0 grows until someone compacts (the writer then stalls, never fails).
/// </summary>
public sealed partial class Db
{
    private Task _compactorLoop = Task.CompletedTask;
    private Compactor? _compactor;

    // Starts (and after a failure restarts) the embedded compactor; while a standalone compactor
    // looks alive it waits and re-checks instead of fencing it.
    private async Task RunEmbeddedCompactorAsync(Random random)
    {
        var token = _shutdown.Token;
        var warned = false;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var manifest = (await _manifests.ReadLatestAsync(token).ConfigureAwait(false))?.Manifest ?? Volatile.Read(ref _state).Manifest.Manifest;
                if (manifest.CompactorStandalone && manifest.CompactorHeartbeat is { } heartbeat
                    && _time.GetUtcNow() - heartbeat < _options.Compactor.StandaloneLiveness)
                {
                    if (!warned)
                    {
                        EngineLog.StandaloneCompactorActive(_logger, manifest.CompactorEpoch, heartbeat);
                        warned = true;
                    }

                    await Task.Delay(_options.Compactor.PollInterval, _time, token).ConfigureAwait(false);
                    continue;
                }

                var compactor = await Compactor.OpenEmbeddedAsync(
                    _main, _walStore, _manifests, _sstSealer, _options.Compactor, _time, _logger, random, OnCompactionCommittedAsync, _segments, _compactionReads, token)
                    .ConfigureAwait(false);
                await using (compactor.ConfigureAwait(false))
                {
                    Volatile.Write(ref _compactor, compactor);
                    await compactor.RunAsync(token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (FencedException)
            {
                return; // logged by the compactor; the writer keeps going
            }
            catch (Exception ex)
            {
                EngineLog.CompactionFailed(_logger, ex);
                try
                {
                    await Task.Delay(_options.Compactor.PollInterval, _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private Task OnCompactionCommittedAsync(StoredManifest stored, CancellationToken token) => RefreshTreeAsync(stored, token);
}
