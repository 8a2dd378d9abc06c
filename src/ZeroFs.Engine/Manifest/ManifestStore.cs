using System.Globalization;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Manifest;

/// <summary>
/// The sequenced manifest log (ENGINE.md §8): <c>manifest/&lt;20-digit id&gt;.mf</c>, created with
/// CreateOnly, contiguous from 1. Latest discovery = cached (id, manifest) + GET probes of
/// id+1…id+4, LIST fallback. A create counts only if the id is above <c>gc/manifest.floor</c>
/// (re-read after every create, never cached), so a stalled writer cannot resurrect an id that GC
/// already deleted (bug list #1). Thread-safe.
/// </summary>
internal sealed class ManifestStore
{
    /// <summary>The floor file: ASCII u64, every manifest id ≤ it may have been deleted.</summary>
    internal const string FloorKey = "gc/manifest.floor";

    /// <summary>Prefix of manifest objects.</summary>
    internal const string Prefix = "manifest/";

    /// <summary>Probes of id+1… before falling back to LIST.</summary>
    internal const int ProbeCount = 4;

    private readonly IObjectStore _store;
    private readonly BlockSealer _sealer;
    private StoredManifest? _cached;

    /// <summary>Creates the log over <paramref name="store"/> with a <see cref="KeyDomain.Manifest"/> sealer.</summary>
    internal ManifestStore(IObjectStore store, BlockSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sealer);
        _store = store;
        _sealer = sealer;
    }

    /// <summary>The newest version this instance has read or written (may be stale).</summary>
    internal StoredManifest? Cached => Volatile.Read(ref _cached);

    /// <summary>The object key of manifest <paramref name="id"/>.</summary>
    internal static string Key(ulong id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id:D20}.mf");

    /// <summary>Parses a manifest object key; false for anything else.</summary>
    internal static bool TryParseKey(string key, out ulong id)
    {
        id = 0;
        return key.Length == Prefix.Length + 20 + 3
            && key.StartsWith(Prefix, StringComparison.Ordinal)
            && key.EndsWith(".mf", StringComparison.Ordinal)
            && ulong.TryParse(key.AsSpan(Prefix.Length, 20), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The newest manifest version, or null when none exists.</summary>
    internal Task<StoredManifest?> ReadLatestAsync(CancellationToken cancellationToken = default) => ReadLatestAsync(true, cancellationToken);

    // checkFloor: false right after a LIST, which already saw every surviving version.
    private async Task<StoredManifest?> ReadLatestAsync(bool checkFloor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var cached = Cached;
            if (cached is not null)
            {
                var latest = cached;
                var probed = 0;
                for (; probed < ProbeCount; probed++)
                {
                    var next = await TryReadAsync(latest.Id + 1, cancellationToken).ConfigureAwait(false);
                    if (next is null)
                    {
                        break;
                    }

                    latest = next;
                }

                // A miss means "not written yet" — or "deleted by GC" when the floor has passed the
                // version found (this process slept through GC); then only LIST finds the latest.
                if (checkFloor && probed < ProbeCount && await ReadFloorAsync(cancellationToken).ConfigureAwait(false) > latest.Id)
                {
                    Interlocked.CompareExchange(ref _cached, null, cached);
                    cached = null;
                }
                else if (probed < ProbeCount)
                {
                    Remember(latest);
                    return latest;
                }
                else
                {
                    cached = latest;
                }
            }

            // LIST fallback: the last key is the newest version.
            string? lastKey = null;
            await foreach (var meta in _store.ListAsync(Prefix, cached is null ? null : Key(cached.Id), cancellationToken).ConfigureAwait(false))
            {
                if (TryParseKey(meta.Key, out _))
                {
                    lastKey = meta.Key;
                }
            }

            if (lastKey is null)
            {
                if (cached is not null)
                {
                    Remember(cached);
                }

                return cached;
            }

            TryParseKey(lastKey, out var lastId);
            var found = await TryReadAsync(lastId, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                Remember(found);
                return await ReadLatestAsync(false, cancellationToken).ConfigureAwait(false) ?? found;
            }

            if (attempt >= 8)
            {
                throw new CorruptionException($"manifest {lastId} was listed but keeps disappearing");
            }
        }
    }

    /// <summary>Reads manifest <paramref name="id"/>, or null when it does not exist.</summary>
    internal async Task<StoredManifest?> TryReadAsync(ulong id, CancellationToken cancellationToken = default)
    {
        using var result = await _store.GetAsync(Key(id), null, cancellationToken).ConfigureAwait(false);
        return result is null ? null : new StoredManifest(id, ManifestCodec.Open(_sealer, id, result.Data.Span));
    }

    /// <summary>The GC floor (0 when the file does not exist). Never cached.</summary>
    internal async Task<ulong> ReadFloorAsync(CancellationToken cancellationToken = default)
    {
        using var result = await _store.GetAsync(FloorKey, null, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return 0;
        }

        var text = Encoding.ASCII.GetString(result.Data.Span).Trim();
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var floor)
            ? floor
            : throw new CorruptionException($"{FloorKey} does not hold a number");
    }

    /// <summary>
    /// Creates manifest <paramref name="id"/> (CreateOnly), then re-reads the floor. True only when
    /// the object was created and <paramref name="id"/> &gt; floor; false when another process got
    /// the id first, or the id is at or below the floor (a stale writer: its view is outdated).
    /// </summary>
    internal async Task<bool> TryCreateAsync(ulong id, DbManifest manifest, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(id);
        var body = ManifestCodec.Seal(_sealer, id, manifest);
        var put = await _store.PutAsync(Key(id), body, PutCondition.CreateOnly, null, cancellationToken).ConfigureAwait(false);
        if (!put.IsOk)
        {
            return false;
        }

        var floor = await ReadFloorAsync(cancellationToken).ConfigureAwait(false);
        if (id <= floor)
        {
            // Our view predates GC: the probes after a cached id can miss versions GC deleted, so
            // the next read discovers the latest by LIST instead of creating ids below the floor.
            Interlocked.Exchange(ref _cached, null);
            return false;
        }

        Remember(new StoredManifest(id, manifest));
        return true;
    }

    /// <summary>
    /// Read-modify-write with merge and retry: reads the latest version, lets
    /// <paramref name="mutate"/> rebuild the next one from it (re-applying only the caller's own
    /// fields, or throwing — e.g. <see cref="FencedException"/> — when it must stop), and creates it
    /// under the next id; on losing the race, repeats from a fresh read.
    /// </summary>
    internal async Task<StoredManifest> UpdateAsync(Func<StoredManifest, DbManifest> mutate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        while (true)
        {
            var latest = await ReadLatestAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("there is no manifest to update");
            var next = mutate(latest);
            if (await TryCreateAsync(latest.Id + 1, next, cancellationToken).ConfigureAwait(false))
            {
                return new StoredManifest(latest.Id + 1, next);
            }
        }
    }

    private void Remember(StoredManifest manifest)
    {
        while (true)
        {
            var current = Cached;
            if (current is not null && current.Id >= manifest.Id)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _cached, manifest, current) == current)
            {
                return;
            }
        }
    }
}
