using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Wal;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// Following (ENGINE.md §9 "Readers", invariant 20): replay new WAL segments into memtables; a
/// missing segment is the end of the log for now (bug #5: for a reader it never means fenced), so
/// re-read the manifest; on a tree change move the lease checkpoint in one CAS, serve the new
/// tables and drop replayed memtables the tables now hold. Writer restarts and takeovers need
/// nothing special: the log stays one contiguous history across epochs.
/// </summary>
public sealed partial class DbReader
{
    private const int MaxRoundsPerRefresh = 4;

    /// <summary>
    /// Catches up now (the poll loop does this every <see cref="ReaderOptions.PollInterval"/>):
    /// replays WAL segments written since the last call and moves to a newer tree. A no-op for a
    /// pinned reader. After it completes, every write durable before the call is visible.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        if (_options.Mode == ReaderMode.Pinned)
        {
            return;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            for (var round = 0; round < MaxRoundsPerRefresh; round++)
            {
                await ReplayTailAsync(cancellationToken).ConfigureAwait(false);
                if (!await SyncManifestAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private async Task PollLoopAsync()
    {
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                await Task.Delay(_options.PollInterval, _time, token).ConfigureAwait(false);
                try
                {
                    await RefreshAsync(token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Store errors, a corrupt object or a lost lease: retried at the next interval.
                    EngineLog.ReaderPollFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
        catch (ObjectDisposedException) when (token.IsCancellationRequested)
        {
            // Closing.
        }
    }

    // Reads segments from _nextWalId until one is missing; each segment is applied whole and only
    // then made visible (one state swap), so no read sees part of a batch.
    private async Task ReplayTailAsync(CancellationToken cancellationToken)
    {
        var segments = 0;
        while (true)
        {
            var records = await WalRecovery.ReadSegmentAsync(_walStore, _walSealer, _nextWalId, cancellationToken).ConfigureAwait(false);
            if (records is null)
            {
                break;
            }

            var current = Volatile.Read(ref _state);
            var seq = Apply(_tail, records, current.Seq);
            _nextWalId++;
            segments++;
            var view = current.View;
            if (_tail.ApproximateBytes >= _options.MemtableBytes)
            {
                RotateTail();
                view = BuildView();
            }

            if (seq != current.Seq || !ReferenceEquals(view, current.View))
            {
                Volatile.Write(ref _state, current with { Seq = seq, View = view });
            }
        }

        if (segments > 0)
        {
            EngineMetrics.ReaderSegments.Add(segments);
            EngineLog.ReaderReplayed(_logger, segments, LastSeq);
        }
    }

    // Re-reads the manifest. Moves the lease (one CAS pinning the version being written) when the
    // tree changed, the lease reached half-life or vanished; true when the served tree changed.
    private async Task<bool> SyncManifestAsync(CancellationToken cancellationToken)
    {
        var latest = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The manifest log is empty.");
        var current = Volatile.Read(ref _state);
        var now = _time.GetUtcNow();
        var leaseGone = CheckpointList.FindLive(latest.Manifest, _checkpointId, now) is null;
        if (!leaseGone && now < _leaseRefreshAt && TableSet.SameTree(current.Manifest.Manifest, latest.Manifest))
        {
            return false;
        }

        if (leaseGone)
        {
            EngineLog.ReaderLeaseLost(_logger, _checkpointId);
        }

        var lease = new Checkpoint(
            _checkpointId, 0, CheckpointList.Truncate(now), CheckpointList.ExpiryOf(now, _options.LeaseLifetime), null, CheckpointList.ReaderOwner);
        var stored = await _editor.PinAsync(lease, null, cancellationToken).ConfigureAwait(false);
        _leaseRefreshAt = now + (_options.LeaseLifetime / 2);
        if (TableSet.SameTree(current.Manifest.Manifest, stored.Manifest))
        {
            Volatile.Write(ref _state, current with { Manifest = stored });
            return false;
        }

        await SwitchAsync(stored, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Serve the tables of the version the lease now pins; replayed rows with seq ≤ its lastL0Seq
    // are in those tables, so memtables holding only such rows are dropped.
    private async Task SwitchAsync(StoredManifest stored, CancellationToken cancellationToken)
    {
        var m = stored.Manifest;
        _tableReaders = await _tables.OpenAsync(m, cancellationToken).ConfigureAwait(false);
        RotateTail();
        _replayed = _replayed.RemoveAll(t => t.MaxSeq <= m.LastL0Seq);
        _nextWalId = Math.Max(_nextWalId, m.WalReplayAfter + 1);
        var current = Volatile.Read(ref _state);
        Volatile.Write(ref _state, new ReaderState(stored, Math.Max(current.Seq, m.LastL0Seq), BuildView()));
        EngineMetrics.ReaderSwitches.Add(1);
        EngineLog.ReaderSwitched(_logger, stored.Id, m.LastL0Seq, _nextWalId);
    }

    private void RotateTail()
    {
        if (_tail.Count == 0)
        {
            return;
        }

        _tail.Freeze();
        _replayed = _replayed.Insert(0, _tail);
        _tail = NewMemtable();
    }
}
