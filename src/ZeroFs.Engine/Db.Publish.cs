using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine;

/// <summary>
/// L0 publish (ENGINE.md §9 "Freeze + L0 publish"): oldest frozen memtable first, only after its
/// upload finished and the WAL is durable up to its max seq (bug #3), by a merge-and-retry CAS of
/// the manifest; then the memtable is dropped from the read state.
/// </summary>
public sealed partial class Db
{
    private async Task PublishLoopAsync()
    {
        var token = _shutdown.Token;
        try
        {
            while (true)
            {
                await _publishKick.WaitAsync(token).ConfigureAwait(false);
                while (Volatile.Read(ref _failure) is null && Volatile.Read(ref _state).Frozen is { Length: > 0 } frozen)
                {
                    await PublishAsync(frozen[^1], token).ConfigureAwait(false);
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

    private async Task PublishAsync(FrozenMemtable frozen, CancellationToken token)
    {
        var info = await frozen.Upload!.ConfigureAwait(false);
        var maxSeq = frozen.Table.MaxSeq;

        // Never publish rows whose WAL batches are not durable yet (invariant 5); without a WAL
        // nothing older is pending because publishes go in seq order.
        if (_walWriter is not null)
        {
            _walWriter.RequestFlush(maxSeq);
            await _durability.WaitAsync(maxSeq).WaitAsync(token).ConfigureAwait(false);
        }

        await WaitForL0RoomAsync(token).ConfigureAwait(false);
        var reference = TableRef.FromInfo(info);
        var stored = await _manifests.UpdateAsync(latest => AttachCheckpoints(latest, MergeWriterFields(latest, frozen, reference), maxSeq), token)
            .ConfigureAwait(false);
        var reader = await _tables.GetOrOpenAsync(reference, token).ConfigureAwait(false);

        await InstallManifestAsync(stored, reader, frozen, token).ConfigureAwait(false);
        _lastPublishTimestamp = _time.GetTimestamp();
        Volatile.Read(ref _compactor)?.Wake();
        EngineMetrics.L0Published.Add(1);
        EngineLog.Published(_logger, info.TableId, stored.Id, stored.Manifest.LastL0Seq);
        _durability.Advance(maxSeq);
        CompleteCheckpoints(stored, maxSeq);
        SignalProgress();
    }

    // Re-applies only the writer-owned fields onto the freshly read manifest (ENGINE.md §8 merge rules).
    private DbManifest MergeWriterFields(StoredManifest latest, FrozenMemtable frozen, TableRef reference)
    {
        var m = latest.Manifest;
        if (m.WriterEpoch != _epoch)
        {
            if (m.WriterEpoch < _epoch)
            {
                throw new InvalidOperationException($"manifest {latest.Id} holds writer epoch {m.WriterEpoch} below ours ({_epoch}): epochs must never decrease");
            }

            throw FencedException.ByEpoch(m.WriterEpoch, _epoch);
        }

        var current = DropCompactedL0(m.L0, m.LastCompactedL0);
        var l0 = current.Any(t => t.Id == reference.Id) ? current : current.Insert(0, reference);
        return m with
        {
            L0 = l0,
            WalReplayAfter = Math.Max(m.WalReplayAfter, frozen.ReplayAfter),
            WalNextHint = Math.Max(m.WalNextHint, _walWriter?.NextId ?? frozen.ReplayAfter + 1),
            LastL0Seq = Math.Max(m.LastL0Seq, frozen.Table.MaxSeq),
            LastL0Tick = Math.Max(m.LastL0Tick, frozen.LastTick),
            RetainSeqFloor = RetainSeqFloor(),
            Created = _time.GetUtcNow(),
            CreatorRole = CreatorRole.Writer,
        };
    }

    private async Task WaitForL0RoomAsync(CancellationToken token)
    {
        var warned = false;
        // Closing publishes past the limit: it is a stall threshold, and close must not hang
        // waiting for a compactor that may never come.
        while (Volatile.Read(ref _state).L0.Length >= _options.L0MaxTables && Volatile.Read(ref _closing) == 0)
        {
            if (!warned)
            {
                EngineLog.L0Stall(_logger, Volatile.Read(ref _state).L0.Length, _options.L0MaxTables);
                warned = true;
            }

            Volatile.Read(ref _compactor)?.Wake();

            await Task.Delay(_options.ManifestPollInterval, _time, token).ConfigureAwait(false);

            // A stalled writer has something to merge: it reads the manifest itself at the base
            // interval rather than wait for the (backed-off) poll to see a standalone compactor's commit.
            if (Volatile.Read(ref _compactor) is null && await PollManifestAsync(token).ConfigureAwait(false) is null)
            {
                return; // fenced: the publish fails on its epoch check
            }
        }
    }
}
