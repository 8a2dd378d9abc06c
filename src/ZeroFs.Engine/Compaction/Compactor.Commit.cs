using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Epoch claim and the three-step commit (ENGINE.md §9 Commit): (1) CAS-add a "compactor-hold"
/// checkpoint on the current manifest, (2) CAS-write the new tree (inputs removed, output run
/// inserted, <c>lastCompactedL0</c> set) with merge-and-retry, (3) optionally remove the hold.
/// Every step re-reads the latest version and re-applies only compactor-owned changes, so the
/// writer's concurrent L0 prepends and checkpoint edits survive (invariant 11).
/// </summary>
public sealed partial class Compactor
{
    /// <summary>The name of the hold checkpoint added before a commit.</summary>
    public const string HoldCheckpointName = "compactor-hold";

    private DateTimeOffset _lastHeartbeat;

    private static Task<StoredManifest> ClaimAsync(ManifestStore manifests, TimeProvider time, bool standalone, CancellationToken cancellationToken) =>
        manifests.UpdateAsync(
            latest => latest.Manifest with
            {
                CompactorEpoch = latest.Manifest.CompactorEpoch + 1,
                CompactorHeartbeat = time.GetUtcNow(),
                CompactorStandalone = standalone,
                Created = time.GetUtcNow(),
                CreatorRole = CreatorRole.Compactor,
            },
            cancellationToken);

    private async Task<StoredManifest> CommitAsync(CompactionJob job, ImmutableArray<TableRef> outputs, CancellationToken cancellationToken)
    {
        // (1) Pin the version that still references the sources, so readers of the old tree keep
        // their tables for HoldLifetime even after GC sees them unreferenced.
        var holdId = NewGuid();
        await _manifests.UpdateAsync(
            latest =>
            {
                CheckEpoch(latest);
                CheckSources(latest.Manifest, job);
                var now = _time.GetUtcNow();
                var hold = new Checkpoint(holdId, latest.Id, now, now + _options.HoldLifetime, HoldCheckpointName, $"compactor:{Epoch}");
                return Stamp(latest.Manifest with { Checkpoints = latest.Manifest.Checkpoints.Add(hold) });
            },
            cancellationToken).ConfigureAwait(false);

        // (2) The new tree.
        var stored = await _manifests.UpdateAsync(latest => Apply(latest, job, outputs), cancellationToken).ConfigureAwait(false);
        _lastHeartbeat = stored.Manifest.CompactorHeartbeat ?? _lastHeartbeat;

        // (3) Release the hold when configured; otherwise it expires and GC removes it.
        if (_options.ReleaseHoldAfterCommit)
        {
            var current = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Manifest.Checkpoints.Any(c => c.Id == holdId))
            {
                await _manifests.UpdateAsync(
                    latest => latest.Manifest with
                    {
                        Checkpoints = latest.Manifest.Checkpoints.RemoveAll(c => c.Id == holdId),
                        Created = _time.GetUtcNow(),
                        CreatorRole = CreatorRole.Compactor,
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }

        return stored;
    }

    // Re-applies the job onto the freshly read version: only compactor-owned fields change, plus
    // the removal of its own L0 sources (ENGINE.md §8).
    private DbManifest Apply(StoredManifest latest, CompactionJob job, ImmutableArray<TableRef> outputs)
    {
        CheckEpoch(latest);
        var m = latest.Manifest;
        CheckSources(m, job);
        var l0Sources = job.L0Sources.Select(t => t.Id).ToHashSet();
        var runSources = job.RunSources.Select(r => r.Id).ToHashSet();
        var runs = m.Runs.Where(r => !runSources.Contains(r.Id)).ToList();
        if (runs.Any(r => r.Id == job.OutputRunId))
        {
            throw new InvalidOperationException($"run {job.OutputRunId} already exists in manifest {latest.Id}: two compactors share epoch {Epoch}");
        }

        if (!outputs.IsEmpty)
        {
            runs.Add(new SortedRun(job.OutputRunId, outputs));
        }

        return Stamp(m with
        {
            L0 = m.L0.RemoveAll(t => l0Sources.Contains(t.Id)),
            Runs = SortRuns(runs),
            LastCompactedL0 = job.NewestL0 ?? m.LastCompactedL0,
        });
    }

    private DbManifest Stamp(DbManifest manifest)
    {
        var now = _time.GetUtcNow();
        return manifest with { CompactorHeartbeat = now, CompactorStandalone = _standalone, Created = now, CreatorRole = CreatorRole.Compactor };
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var stored = await _manifests.UpdateAsync(
            latest =>
            {
                CheckEpoch(latest);
                return Stamp(latest.Manifest);
            },
            cancellationToken).ConfigureAwait(false);
        _lastHeartbeat = stored.Manifest.CompactorHeartbeat ?? _time.GetUtcNow();
    }

    // A role that finds a higher epoch of its own kind stops; a lower one is a bug (ENGINE.md §8).
    private void CheckEpoch(StoredManifest latest)
    {
        var stored = latest.Manifest.CompactorEpoch;
        if (stored == Epoch)
        {
            return;
        }

        if (stored > Epoch)
        {
            throw new FencedException($"a newer compactor (epoch {stored}) took over this bucket; this compactor (epoch {Epoch}) stopped");
        }

        throw new InvalidOperationException($"manifest {latest.Id} holds compactor epoch {stored} below ours ({Epoch}): epochs must never decrease");
    }

    // Sources can only vanish under another compactor; with our epoch current that is a bug (bug #7:
    // never re-apply a finished job).
    private static void CheckSources(DbManifest m, CompactionJob job)
    {
        var l0 = m.L0.Select(t => t.Id).ToHashSet();
        var missing = job.L0Sources.FirstOrDefault(t => !l0.Contains(t.Id));
        if (missing is not null)
        {
            throw new InvalidOperationException($"L0 table {missing.Id} of the job is no longer in the manifest");
        }

        foreach (var run in job.RunSources)
        {
            var current = m.Runs.FirstOrDefault(r => r.Id == run.Id);
            if (current is null || !current.Tables.Select(t => t.Id).SequenceEqual(run.Tables.Select(t => t.Id)))
            {
                throw new InvalidOperationException($"run {run.Id} of the job changed in the manifest");
            }
        }
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout
        return new Guid(bytes);
    }
}
