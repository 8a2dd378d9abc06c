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

    private async Task RunEmbeddedCompactorAsync(Random random)
    {
        var token = _shutdown.Token;
        try
        {
            var manifest = Volatile.Read(ref _state).Manifest.Manifest;
            if (manifest.CompactorStandalone && manifest.CompactorHeartbeat is { } heartbeat
                && _time.GetUtcNow() - heartbeat < _options.Compactor.StandaloneLiveness)
            {
                EngineLog.StandaloneCompactorActive(_logger, manifest.CompactorEpoch, heartbeat);
                return;
            }

            var compactor = await Compactor.OpenEmbeddedAsync(
                _main, _walStore, _manifests, _sstSealer, _options.Compactor, _time, _logger, random, OnCompactionCommittedAsync, token)
                .ConfigureAwait(false);
            await using (compactor.ConfigureAwait(false))
            {
                Volatile.Write(ref _compactor, compactor);
                await compactor.RunAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (FencedException)
        {
            // Logged by the compactor; the writer keeps going.
        }
        catch (Exception ex)
        {
            EngineLog.CompactionFailed(_logger, ex);
        }
    }

    private Task OnCompactionCommittedAsync(StoredManifest stored, CancellationToken token) => RefreshTreeAsync(stored, token);
}
