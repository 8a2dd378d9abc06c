using System.Globalization;
using Microsoft.Extensions.Logging;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Gc;

/// <summary>
/// Garbage collection (ENGINE.md §9 GC steps 1–5): (1) remove expired checkpoints by CAS; (2) read
/// the latest manifest and every manifest an unexpired checkpoint pins; (3) delete WAL segments
/// outside <c>(walReplayAfter, ∞)</c> and outside every pinned <c>(P.walReplayAfter, P.walNextHint)</c>
/// once older than WalMinAge (fences only after WalFenceMinAge); (4) delete unreferenced tables whose
/// ULID time is before min(start − SstMinAge, oldest running job start, newest L0 ULID time);
/// (5) advance <c>gc/manifest.floor</c>, then delete old unpinned manifests. Idempotent; a crash
/// between any two calls leaves only garbage a later pass removes.
/// </summary>
internal sealed partial class GarbageCollector(
    IObjectStore main,
    IObjectStore? wal,
    ManifestStore manifests,
    GcOptions options,
    TimeProvider time,
    ILogger logger,
    Func<DateTimeOffset?> oldestJobStart)
{
    /// <summary>Runs one pass; a dry run reads and lists only.</summary>
    internal async Task<GcReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        // Both bounds are taken before the manifest is read: a table uploaded or a job started
        // later is younger than `start`, so it can never fall below the cutoff (bug #2).
        var start = time.GetUtcNow();
        var jobStart = oldestJobStart();

        // Step 1.
        var latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("there is no manifest");
        var expired = latest.Manifest.Checkpoints.Where(c => IsExpired(c, start)).Select(c => c.Id).ToList();
        if (expired.Count > 0 && !dryRun)
        {
            latest = await manifests.UpdateAsync(
                l => l.Manifest with
                {
                    Checkpoints = l.Manifest.Checkpoints.RemoveAll(c => IsExpired(c, start)),
                    Created = time.GetUtcNow(),
                    CreatorRole = CreatorRole.Gc,
                },
                cancellationToken).ConfigureAwait(false);
            EngineMetrics.GcDeleted.Add(expired.Count, new KeyValuePair<string, object?>("kind", "checkpoint"));
        }

        // Step 2.
        var m = latest.Manifest;
        var live = m.Checkpoints.Where(c => !IsExpired(c, start)).ToList();
        var pinned = new Dictionary<ulong, DbManifest>();
        var complete = true;
        foreach (var id in live.Select(c => c.ManifestId).Distinct())
        {
            var manifest = id == latest.Id ? m : (await manifests.TryReadAsync(id, cancellationToken).ConfigureAwait(false))?.Manifest;
            if (manifest is null)
            {
                EngineLog.GcPinnedMissing(logger, id);
                complete = false;
                continue;
            }

            pinned[id] = manifest;
        }

        var walKeys = new List<ObjectMeta>();
        var tableKeys = new List<ObjectMeta>();
        if (complete)
        {
            walKeys = await SelectWalAsync(m, pinned.Values, start, cancellationToken).ConfigureAwait(false);
            tableKeys = await SelectTablesAsync(m, pinned.Values, start, jobStart, cancellationToken).ConfigureAwait(false);
        }

        var manifestKeys = await SelectManifestsAsync(latest.Id, pinned.Keys, start, cancellationToken).ConfigureAwait(false);
        var floor = await manifests.ReadFloorAsync(cancellationToken).ConfigureAwait(false);
        if (!dryRun)
        {
            var walStore = WalStoreFor(m);
            if (walStore is not null)
            {
                await DeleteAsync(walStore, walKeys, "wal", cancellationToken).ConfigureAwait(false);
            }

            await DeleteAsync(main, tableKeys, "sst", cancellationToken).ConfigureAwait(false);
            if (manifestKeys.Count > 0)
            {
                // The floor first: once it covers an id, a stalled writer's create of that id no
                // longer counts as success, so deleting the object cannot let it be re-created (bug #1).
                ManifestStore.TryParseKey(manifestKeys[^1].Key, out var target);
                floor = await AdvanceFloorAsync(target, cancellationToken).ConfigureAwait(false);
                await DeleteAsync(main, manifestKeys, "manifest", cancellationToken).ConfigureAwait(false);
            }
        }

        var report = new GcReport(
            dryRun,
            latest.Id,
            expired,
            [.. walKeys.Select(k => k.Key)],
            [.. tableKeys.Select(k => k.Key)],
            [.. manifestKeys.Select(k => k.Key)],
            walKeys.Concat(tableKeys).Concat(manifestKeys).Sum(k => k.Size),
            floor);
        EngineLog.GcPass(logger, dryRun, expired.Count, report.Wal.Count, report.Tables.Count, report.Manifests.Count, report.Bytes);
        return report;
    }

    private static bool IsExpired(Checkpoint checkpoint, DateTimeOffset now) => checkpoint.Expires is { } expires && expires <= now;

    private IObjectStore? WalStoreFor(DbManifest m)
    {
        if (string.Equals(m.WalStore, DbManifest.MainWalStore, StringComparison.Ordinal))
        {
            return wal ?? main;
        }

        if (wal is null || ReferenceEquals(wal, main))
        {
            EngineLog.GcWalSkipped(logger, m.WalStore);
            return null;
        }

        return wal;
    }

    // Step 3.
    private async Task<List<ObjectMeta>> SelectWalAsync(DbManifest m, IEnumerable<DbManifest> pinned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<ObjectMeta>();
        var store = WalStoreFor(m);
        if (store is null)
        {
            return result;
        }

        var ranges = pinned.Select(p => (p.WalReplayAfter, p.WalNextHint)).ToList();
        await foreach (var meta in store.ListAsync(WalNames.Prefix, null, cancellationToken).ConfigureAwait(false))
        {
            // Segment walReplayAfter itself is fully contained in tables too (engine-0002 §GC).
            if (!TryParseWalKey(meta.Key, out var id) || id > m.WalReplayAfter || ranges.Any(r => id > r.WalReplayAfter && id < r.WalNextHint))
            {
                continue;
            }

            var minAge = meta.Size == 0 ? options.WalFenceMinAge : options.WalMinAge;
            if (meta.LastModified <= now - minAge)
            {
                result.Add(meta);
            }
        }

        return result;
    }

    // Step 4.
    private async Task<List<ObjectMeta>> SelectTablesAsync(
        DbManifest m, IEnumerable<DbManifest> pinned, DateTimeOffset now, DateTimeOffset? jobStart, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<Ulid>();
        foreach (var manifest in pinned.Append(m))
        {
            referenced.UnionWith(manifest.L0.Select(t => t.Id));
            referenced.UnionWith(manifest.Runs.SelectMany(r => r.Tables).Select(t => t.Id));
        }

        // Unpublished L0 tables are newer than the newest published (or compacted) one: ids are
        // minted at freeze time, in seq order. With neither, any table could be an unpublished L0.
        var newestL0 = m.L0.Select(t => (Ulid?)t.Id).Append(m.LastCompactedL0).Max();
        var cutoff = now - options.SstMinAge;
        if (jobStart is { } started && started < cutoff)
        {
            cutoff = started;
        }

        // A table at or below the newest published (or compacted) L0 id is no unpublished L0 of the
        // current writer either, even within the same millisecond; the age and job bounds still apply.
        var ageCutoffMs = cutoff.ToUnixTimeMilliseconds();
        var l0CutoffMs = newestL0 is { } l0 ? Math.Min(ageCutoffMs, l0.TimestampMs) : long.MinValue;
        var result = new List<ObjectMeta>();
        var newer = new List<ObjectMeta>();
        await foreach (var meta in main.ListAsync("sst/", null, cancellationToken).ConfigureAwait(false))
        {
            if (!TryParseTableKey(meta.Key, out var id) || referenced.Contains(id) || id.TimestampMs >= ageCutoffMs)
            {
                continue;
            }

            if (id.TimestampMs < l0CutoffMs || id <= newestL0)
            {
                result.Add(meta);
            }
            else
            {
                newer.Add(meta);
            }
        }

        // Newer than every published L0: an unpublished L0 must stay, but a compaction output
        // (tagged at upload; an orphan, since old enough and unreferenced) may go.
        foreach (var meta in newer)
        {
            var head = await main.HeadAsync(meta.Key, cancellationToken).ConfigureAwait(false);
            if (head?.Metadata is { } metadata && metadata.TryGetValue(Compaction.CompactionExecutor.RoleMetadataKey, out var role)
                && role == Compaction.CompactionExecutor.CompactorRole)
            {
                result.Add(meta);
            }
        }

        return result;
    }

    // Step 5 (selection): every version below the latest that no checkpoint pins, old enough.
    private async Task<List<ObjectMeta>> SelectManifestsAsync(ulong latestId, IEnumerable<ulong> pinned, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keep = pinned.ToHashSet();
        var result = new List<ObjectMeta>();
        await foreach (var meta in main.ListAsync(ManifestStore.Prefix, null, cancellationToken).ConfigureAwait(false))
        {
            if (ManifestStore.TryParseKey(meta.Key, out var id) && id < latestId && !keep.Contains(id) && meta.LastModified <= now - options.ManifestMinAge)
            {
                result.Add(meta);
            }
        }

        return result;
    }

    private static bool TryParseWalKey(string key, out ulong id)
    {
        id = 0;
        return key.Length == WalNames.Prefix.Length + 20 + 4
            && key.StartsWith(WalNames.Prefix, StringComparison.Ordinal)
            && key.EndsWith(".wal", StringComparison.Ordinal)
            && ulong.TryParse(key.AsSpan(WalNames.Prefix.Length, 20), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static bool TryParseTableKey(string key, out Ulid id)
    {
        id = default;
        return key.Length == 4 + Ulid.TextLength + 4
            && key.StartsWith("sst/", StringComparison.Ordinal)
            && key.EndsWith(".sst", StringComparison.Ordinal)
            && Ulid.TryParse(key.AsSpan(4, Ulid.TextLength), out id);
    }

    private async Task DeleteAsync(IObjectStore store, List<ObjectMeta> objects, string kind, CancellationToken cancellationToken)
    {
        if (objects.Count == 0)
        {
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DeleteConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(objects, parallel, async (meta, token) => await store.DeleteAsync(meta.Key, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        var tag = new KeyValuePair<string, object?>("kind", kind);
        EngineMetrics.GcDeleted.Add(objects.Count, tag);
        EngineMetrics.GcDeletedBytes.Add(objects.Sum(o => o.Size), tag);
    }
}
