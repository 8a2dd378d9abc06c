using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine;

/// <summary>
/// Checkpoints on the writer (ENGINE.md §9 "Checkpoints"; docs/decisions/engine-0003): a named,
/// optionally expiring pin on one manifest version. GC keeps the pinned tables and the pinned WAL
/// range <c>(walReplayAfter, walNextHint)</c>; a checkpoint created here only ever pins a WAL range
/// whose segments are all written, so a pinned reader reads the same data forever (invariant 21).
/// </summary>
public sealed partial class Db
{
    private readonly Lock _checkpointLock = new();
    private readonly List<PendingCheckpoint> _pendingCheckpoints = [];
    private CheckpointIdGenerator? _checkpointIds;
    private CheckpointEditor? _checkpointEditor;

    private CheckpointEditor Checkpoints =>
        LazyInitializer.EnsureInitialized(ref _checkpointEditor, () => new CheckpointEditor(_manifests, _time, CreatorRole.Writer));

    private CheckpointIdGenerator CheckpointIds =>
        LazyInitializer.EnsureInitialized(
            ref _checkpointIds,
            () => new CheckpointIdGenerator(_options.RandomSeed is { } seed ? new Random(seed ^ (int)(_epoch * 0x85EBCA6B) ^ 0x6B43A9B5) : new Random()));

    /// <summary>
    /// Creates a checkpoint. <see cref="CheckpointScope.All"/> (default) contains every write
    /// acknowledged before the call: it flushes the WAL, freezes the memtable and rides on the L0
    /// publish that holds them. <see cref="CheckpointScope.Durable"/> contains what is durable now,
    /// in one manifest write. Cancellation stops waiting only; the checkpoint may still be created.
    /// </summary>
    /// <param name="name">A label (not unique at the engine level), or null.</param>
    /// <param name="lifetime">Time until it expires (and GC may collect what it pins), or null for never.</param>
    /// <param name="scope">What it must contain.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="FencedException">A newer writer took over.</exception>
    public async Task<CheckpointInfo> CreateCheckpointAsync(
        string? name = null, TimeSpan? lifetime = null, CheckpointScope scope = CheckpointScope.All, CancellationToken cancellationToken = default)
    {
        CheckpointList.ValidateName(name);
        ThrowIfStopped();
        var now = CheckpointList.Truncate(_time.GetUtcNow());
        var template = new Checkpoint(CheckpointIds.Next(), 0, now, CheckpointList.ExpiryOf(now, lifetime), name, null);
        StoredManifest? stored = null;
        var target = LastSeq;
        if (scope == CheckpointScope.All && target > Volatile.Read(ref _state).Manifest.Manifest.LastL0Seq)
        {
            stored = await AttachToPublishAsync(new PendingCheckpoint(template, target), cancellationToken).ConfigureAwait(false);
        }

        stored ??= await Checkpoints.PinAsync(template, PinWriterFields, cancellationToken).ConfigureAwait(false);
        var pinned = stored.Manifest.Checkpoints.First(c => c.Id == template.Id);
        EngineMetrics.CheckpointsCreated.Add(1);
        EngineLog.CheckpointCreated(_logger, pinned.Id, name, pinned.ManifestId, scope);
        return CheckpointInfo.From(pinned);
    }

    /// <summary>Sets the expiry of a live checkpoint to now + <paramref name="lifetime"/> (null = never).</summary>
    /// <exception cref="KeyNotFoundException">The checkpoint does not exist or has expired (GC may already have collected what it pinned).</exception>
    public async Task<CheckpointInfo> RefreshCheckpointAsync(Guid id, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        var expires = CheckpointList.ExpiryOf(_time.GetUtcNow(), lifetime);
        var updated = await Checkpoints.SetExpiryAsync(id, expires, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Checkpoint {id} does not exist or has expired.");
        EngineLog.CheckpointRefreshed(_logger, id, expires);
        return CheckpointInfo.From(updated);
    }

    /// <summary>Deletes a checkpoint; false when it did not exist. What it pinned becomes collectable.</summary>
    public async Task<bool> DeleteCheckpointAsync(Guid id, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        var removed = await Checkpoints.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            EngineLog.CheckpointDeleted(_logger, id);
        }

        return removed;
    }

    /// <summary>
    /// Live (unexpired) checkpoints of the latest manifest, read now, oldest first; only those
    /// labelled <paramref name="name"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        var latest = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        return CheckpointList.Live(latest?.Manifest, _time.GetUtcNow(), name);
    }

    /// <summary>The newest live checkpoint labelled <paramref name="name"/> in the latest manifest, or null.</summary>
    public async Task<CheckpointInfo?> FindCheckpointAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var matches = await ListCheckpointsAsync(name, cancellationToken).ConfigureAwait(false);
        return matches.Count == 0 ? null : matches[^1];
    }

    // Registers the checkpoint with the publisher, asks the write loop for a freeze (queued behind
    // every acknowledged write), and waits for the publish that holds the target seq. Null: that
    // publish happened without it; the latest manifest then holds the seq in L0.
    private async Task<StoredManifest?> AttachToPublishAsync(PendingCheckpoint pending, CancellationToken cancellationToken)
    {
        lock (_checkpointLock)
        {
            _pendingCheckpoints.Add(pending);
        }

        try
        {
            if (!TryEnqueue(new WriteRequest(null, null)))
            {
                ThrowIfStopped();
                throw new ObjectDisposedException(nameof(Db), "The database is closed.");
            }

            while (true)
            {
                var signal = Volatile.Read(ref _progress);
                if (pending.Completion.Task.IsCompleted)
                {
                    return await pending.Completion.Task.ConfigureAwait(false);
                }

                if (Volatile.Read(ref _failure) is not null)
                {
                    ThrowIfStopped();
                }

                await Task.WhenAny(pending.Completion.Task, signal.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_checkpointLock)
            {
                _pendingCheckpoints.Remove(pending);
            }
        }
    }

    // Publish hook (inside the manifest CAS, re-run on every retry): attaches the pending
    // checkpoints this table completes, pinning the version being written.
    private DbManifest AttachCheckpoints(StoredManifest latest, DbManifest merged, ulong maxSeq)
    {
        var list = merged.Checkpoints;
        var attached = false;
        lock (_checkpointLock)
        {
            foreach (var pending in _pendingCheckpoints)
            {
                if (pending.TargetSeq <= maxSeq)
                {
                    list = CheckpointList.Upsert(list, pending.Template with { ManifestId = latest.Id + 1 });
                    attached = true;
                }
            }
        }

        return attached ? merged with { Checkpoints = list, WalNextHint = PinnedWalEnd(merged) } : merged;
    }

    // Publish hook (after the CAS): wakes the creators whose seq this publish covered.
    private void CompleteCheckpoints(StoredManifest stored, ulong maxSeq)
    {
        List<PendingCheckpoint>? done = null;
        lock (_checkpointLock)
        {
            foreach (var pending in _pendingCheckpoints)
            {
                if (pending.TargetSeq <= maxSeq)
                {
                    (done ??= []).Add(pending);
                }
            }
        }

        foreach (var pending in done ?? [])
        {
            var carried = CheckpointList.IndexOf(stored.Manifest.Checkpoints, pending.Template.Id) >= 0;
            pending.Completion.TrySetResult(carried ? stored : null);
        }
    }

    // The writer-owned fields of a Durable checkpoint's manifest: only this epoch may set walNextHint.
    private DbManifest PinWriterFields(StoredManifest latest)
    {
        var m = latest.Manifest;
        if (m.WriterEpoch != _epoch)
        {
            throw m.WriterEpoch > _epoch
                ? FencedException.ByEpoch(m.WriterEpoch, _epoch)
                : new InvalidOperationException($"manifest {latest.Id} holds writer epoch {m.WriterEpoch} below ours ({_epoch}): epochs must never decrease");
        }

        return m with { WalNextHint = PinnedWalEnd(m) };
    }

    // The end of the WAL range a checkpoint pins: every segment below it is already written (never
    // one still in flight), so what a pinned reader replays can never change later.
    private ulong PinnedWalEnd(DbManifest m) => Math.Max(m.WalReplayAfter + 1, _walWriter?.WrittenNextId ?? _fenceId + 1);
}
