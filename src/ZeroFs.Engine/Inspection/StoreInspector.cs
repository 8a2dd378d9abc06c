using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Inspection;

/// <summary>
/// Read-only inspection of a bucket for <c>zerofs debug</c>: the latest manifest, the tables it
/// references, and a verification pass that unseals every manifest, WAL segment and SST block.
/// It only ever reads (GET, HEAD, LIST): it never fences a writer and is safe beside a running one.
/// </summary>
public sealed class StoreInspector : IDisposable
{
    private readonly IObjectStore _main;
    private readonly IObjectStore _wal;
    private readonly BlockSealer _sstSealer;
    private readonly BlockSealer _walSealer;
    private readonly BlockSealer _manifestSealer;
    private readonly ManifestStore _manifests;

    /// <summary>Creates an inspector over the main store and (when separate) the WAL store.</summary>
    public StoreInspector(IObjectStore main, IObjectStore? wal, DataKey key)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(key);
        _main = main;
        _wal = wal ?? main;
        var compression = CompressionOptions.Default;
        _sstSealer = new BlockSealer(key, KeyDomain.Sst, compression);
        _walSealer = new BlockSealer(key, KeyDomain.Wal, compression);
        _manifestSealer = new BlockSealer(key, KeyDomain.Manifest, compression);
        _manifests = new ManifestStore(main, _manifestSealer);
    }

    /// <summary>The latest manifest, or null when the bucket holds no engine data yet.</summary>
    public Task<StoredManifest?> ReadManifestAsync(CancellationToken cancellationToken = default) =>
        _manifests.ReadLatestAsync(cancellationToken);

    /// <summary>Every table the latest manifest references, L0 newest first, then runs newest first.</summary>
    public async Task<IReadOnlyList<TableListing>> ListTablesAsync(CancellationToken cancellationToken = default)
    {
        var latest = await ReadManifestAsync(cancellationToken).ConfigureAwait(false);
        var tables = new List<TableListing>();
        if (latest is null)
        {
            return tables;
        }

        foreach (var table in latest.Manifest.L0)
        {
            tables.Add(new TableListing("L0", table));
        }

        foreach (var run in latest.Manifest.Runs)
        {
            foreach (var table in run.Tables)
            {
                tables.Add(new TableListing($"run {run.Id}", table));
            }
        }

        return tables;
    }

    /// <summary>
    /// Unseals every manifest version, every non-empty WAL segment and every block of every SST
    /// object in the bucket (referenced or not). Problems are collected, not thrown, so one damaged
    /// object does not hide the others.
    /// </summary>
    public async Task<VerifyReport> VerifyAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var report = new VerifyReport();
        await VerifyManifestsAsync(report, progress, cancellationToken).ConfigureAwait(false);
        await VerifyWalAsync(report, progress, cancellationToken).ConfigureAwait(false);
        await VerifyTablesAsync(report, progress, cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sstSealer.Dispose();
        _walSealer.Dispose();
        _manifestSealer.Dispose();
    }

    private async Task VerifyManifestsAsync(VerifyReport report, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await foreach (var meta in _main.ListAsync(ManifestStore.Prefix, null, cancellationToken).ConfigureAwait(false))
        {
            if (!ManifestStore.TryParseKey(meta.Key, out var id))
            {
                report.AddProblem(meta.Key, "not a manifest name");
                continue;
            }

            await CheckAsync(report, meta.Key, async () =>
            {
                var manifest = await _manifests.TryReadAsync(id, cancellationToken).ConfigureAwait(false);
                if (manifest is null)
                {
                    report.AddProblem(meta.Key, "listed but could not be read (deleted meanwhile?)");
                    return;
                }

                report.Manifests++;
                report.Bytes += meta.Size;
            }).ConfigureAwait(false);
            progress?.Report(meta.Key);
        }
    }

    private async Task VerifyWalAsync(VerifyReport report, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await foreach (var meta in _wal.ListAsync(WalNames.Prefix, null, cancellationToken).ConfigureAwait(false))
        {
            if (!TryParseWalKey(meta.Key, out var id))
            {
                report.AddProblem(meta.Key, "not a WAL segment name");
                continue;
            }

            if (meta.Size == 0)
            {
                report.WalFences++;
                continue;
            }

            await CheckAsync(report, meta.Key, async () =>
            {
                var records = await WalRecovery.ReadSegmentAsync(_wal, _walSealer, id, cancellationToken).ConfigureAwait(false);
                if (records is null)
                {
                    return; // deleted by GC between LIST and GET
                }

                report.WalSegments++;
                report.WalBatches += records.Count;
                report.Bytes += meta.Size;
            }).ConfigureAwait(false);
            progress?.Report(meta.Key);
        }
    }

    private async Task VerifyTablesAsync(VerifyReport report, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await foreach (var meta in _main.ListAsync("sst/", null, cancellationToken).ConfigureAwait(false))
        {
            var name = meta.Key["sst/".Length..];
            if (!name.EndsWith(".sst", StringComparison.Ordinal) || !Ulid.TryParse(name.AsSpan(0, name.Length - 4), out var tableId))
            {
                report.AddProblem(meta.Key, "not an SST name");
                continue;
            }

            await CheckAsync(report, meta.Key, async () =>
            {
                var (metaOffset, metaLength, size) = await SstReader.ReadTailAsync(_main, tableId, cancellationToken).ConfigureAwait(false);
                var reader = await SstReader.OpenAsync(_main, _sstSealer, tableId, size, metaOffset, metaLength, null, cancellationToken)
                    .ConfigureAwait(false);
                for (var i = 0; i < reader.Index.Count; i++)
                {
                    var block = await reader.ReadBlockAsync(i, cancellationToken).ConfigureAwait(false);
                    block.Release();
                    report.DataBlocks++;
                }

                report.Tables++;
                report.Bytes += meta.Size;
            }).ConfigureAwait(false);
            progress?.Report(meta.Key);
        }
    }

    private static async Task CheckAsync(VerifyReport report, string key, Func<Task> check)
    {
        try
        {
            await check().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CorruptionException or CryptoException or ObjectStoreException)
        {
            report.AddProblem(key, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static bool TryParseWalKey(string key, out ulong id)
    {
        id = 0;
        return key.StartsWith(WalNames.Prefix, StringComparison.Ordinal)
            && key.EndsWith(".wal", StringComparison.Ordinal)
            && ulong.TryParse(key.AsSpan(WalNames.Prefix.Length, key.Length - WalNames.Prefix.Length - 4), out id);
    }
}
