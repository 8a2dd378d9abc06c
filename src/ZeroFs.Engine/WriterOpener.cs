using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>
/// ENGINE.md §9 "Open writer", one method per step so each is a test hook: (1) read or create the
/// manifest, (2) find the first missing WAL id F, (3) claim writerEpoch + 1 by CAS, (4) recompute F
/// if walReplayAfter moved past it, (5) fence wal/F, (6) replay (walReplayAfter, F) skipping
/// seq ≤ lastL0Seq, (7) re-check the epoch, (8) freeze replayed memtables that are already large.
/// </summary>
internal sealed class WriterOpener(
    IObjectStore main,
    IObjectStore walStore,
    string walTag,
    EngineOptions options,
    TimeProvider time,
    ILogger logger,
    ManifestStore manifests,
    BlockSealer walSealer,
    Random random,
    TableCache tableCache,
    SegmentPool slabs)
{
    private UlidGenerator? _ulids;

    /// <summary>Runs steps 1–8.</summary>
    internal async Task<RecoveredState> RunAsync(CancellationToken cancellationToken)
    {
        var initial = await ReadOrCreateAsync(cancellationToken).ConfigureAwait(false);
        var fence = await WalRecovery.FindFirstMissingAsync(walStore, initial.Manifest.WalReplayAfter, cancellationToken).ConfigureAwait(false);
        var claimed = await ClaimEpochAsync(cancellationToken).ConfigureAwait(false);
        var epoch = claimed.Manifest.WriterEpoch;

        // Table ids must differ between writers even in seeded runs: mix the epoch into the seed.
        _ulids = new UlidGenerator(time, options.RandomSeed is { } seed ? new Random(seed ^ (int)(epoch * 0x9E3779B1)) : new Random(random.Next()));
        EngineLog.EpochClaimed(logger, epoch, claimed.Id);
        if (claimed.Manifest.WalReplayAfter >= fence)
        {
            fence = await WalRecovery.FindFirstMissingAsync(walStore, claimed.Manifest.WalReplayAfter, cancellationToken).ConfigureAwait(false);
        }

        fence = await FenceAsync(fence, epoch, cancellationToken).ConfigureAwait(false);
        EngineLog.WalFenced(logger, fence, claimed.Manifest.WalReplayAfter + 1, fence - 1);
        var replay = await ReplayAsync(claimed.Manifest, fence, epoch, cancellationToken).ConfigureAwait(false);
        var latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null || latest.Manifest.WriterEpoch != epoch)
        {
            throw FencedException.ByEpoch(latest?.Manifest.WriterEpoch ?? 0, epoch);
        }

        var (l0, runs) = await TreeLoader.OpenAsync(tableCache.GetOrOpenAsync, latest.Manifest, new Dictionary<Ulid, SstReader>(), cancellationToken)
            .ConfigureAwait(false);
        var m = latest.Manifest;
        var lastSeq = Math.Max(replay.LastSeq, m.LastL0Seq);
        EngineLog.Replayed(logger, replay.Batches, lastSeq + 1);
        return new RecoveredState(epoch, fence, _ulids, latest, replay.Memtable, replay.Frozen, l0, runs, lastSeq, Math.Max(replay.LastTick, m.LastL0Tick));
    }

    // Step 1.
    private async Task<StoredManifest> ReadOrCreateAsync(CancellationToken cancellationToken)
    {
        var latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is null)
        {
            foreach (var (store, prefix) in new[] { (main, "sst/"), (main, "wal/"), (main, "jobs/"), (main, "gc/"), (walStore, WalNames.Prefix) })
            {
                await foreach (var found in store.ListAsync(prefix, null, cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException(
                        $"The store holds engine objects (e.g. '{found.Key}' in {store.Description}) but no manifest: refusing to open " +
                        "a writer, because creating a new tree here would hide or destroy that data. Restore the manifest or use an empty root.");
                }
            }

            var first = new DbManifest { Created = time.GetUtcNow(), WalStore = walTag, CreatorRole = CreatorRole.Writer };
            if (await manifests.TryCreateAsync(1, first, cancellationToken).ConfigureAwait(false))
            {
                EngineLog.CreatedRoot(logger, walTag);
            }

            latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("manifest 1 could not be created or read");
        }

        CheckWalStore(latest.Manifest);
        return latest;
    }

    // Step 3.
    private Task<StoredManifest> ClaimEpochAsync(CancellationToken cancellationToken) =>
        manifests.UpdateAsync(
            latest =>
            {
                CheckWalStore(latest.Manifest);
                return latest.Manifest with
                {
                    WriterEpoch = latest.Manifest.WriterEpoch + 1,
                    Created = time.GetUtcNow(),
                    CreatorRole = CreatorRole.Writer,
                };
            },
            cancellationToken);

    // Step 5: create the zero-byte fence; a taken id means another writer wrote or fenced it.
    private async Task<ulong> FenceAsync(ulong fence, ulong epoch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await WalRecovery.TryFenceAsync(walStore, fence, cancellationToken).ConfigureAwait(false);
            if (status == PutStatus.Ok)
            {
                return fence;
            }

            if (status == PutStatus.PreconditionFailed)
            {
                await CheckEpochAsync(epoch, cancellationToken).ConfigureAwait(false);
                fence++;
            }
        }
    }

    // Steps 6 and 8.
    private async Task<ReplayResult> ReplayAsync(DbManifest manifest, ulong fence, ulong epoch, CancellationToken cancellationToken)
    {
        var memtable = NewMemtable();
        var frozen = ImmutableArray.CreateBuilder<FrozenMemtable>();
        var lastSeq = 0UL;
        var lastTick = 0L;
        var batches = 0L;
        for (var id = manifest.WalReplayAfter + 1; id < fence; id++)
        {
            var records = await WalRecovery.ReadSegmentAsync(walStore, walSealer, id, cancellationToken).ConfigureAwait(false);
            if (records is null)
            {
                // Another writer moved walReplayAfter past this segment (and GC removed it): fenced.
                await CheckEpochAsync(epoch, cancellationToken).ConfigureAwait(false);
                throw new CorruptionException($"WAL segment {id} is missing inside the replay range ({manifest.WalReplayAfter}, {fence})");
            }

            foreach (var record in records)
            {
                if (record.Seq <= manifest.LastL0Seq)
                {
                    continue;
                }

                if (record.Seq <= lastSeq)
                {
                    throw new CorruptionException($"WAL segment {id} holds seq {record.Seq} after {lastSeq}");
                }

                memtable.Apply(record.Batch, record.Seq);
                lastSeq = record.Seq;
                lastTick = Math.Max(lastTick, record.Timestamp);
                batches++;
            }

            if (memtable.ApproximateBytes >= options.L0TableBytes)
            {
                memtable.Freeze();
                frozen.Insert(0, new FrozenMemtable(memtable, _ulids!.Next(), id, lastTick));
                memtable = NewMemtable();
            }
        }

        return new ReplayResult(memtable, frozen.ToImmutable(), lastSeq, lastTick, batches);
    }

    private async Task CheckEpochAsync(ulong epoch, CancellationToken cancellationToken)
    {
        var latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is not null && latest.Manifest.WriterEpoch != epoch)
        {
            throw FencedException.ByEpoch(latest.Manifest.WriterEpoch, epoch);
        }
    }

    private void CheckWalStore(DbManifest manifest)
    {
        if (!string.Equals(manifest.WalStore, walTag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"WAL store mismatch: the manifest records WAL store '{manifest.WalStore}' but this writer is configured with '{walTag}'. " +
                "Opening would miss or fork the log; configure the same WAL store (and tag) the tree was created with.");
        }
    }

    private SkipListMemtable NewMemtable() => new((ulong)random.NextInt64(1, long.MaxValue), slabs);

    private sealed record ReplayResult(SkipListMemtable Memtable, ImmutableArray<FrozenMemtable> Frozen, ulong LastSeq, long LastTick, long Batches);
}
