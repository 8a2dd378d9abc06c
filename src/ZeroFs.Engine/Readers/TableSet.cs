using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// Opens the tables of a manifest in read order (L0 newest first, then runs by id descending; a
/// run's tables are key-disjoint) and reuses readers of tables already open. Not thread-safe: one
/// refresh at a time.
/// </summary>
internal sealed class TableSet(IObjectStore store, BlockSealer sealer)
{
    private Dictionary<Ulid, SstReader> _open = [];

    /// <summary>The readers of <paramref name="manifest"/>'s tables; tables no longer referenced are forgotten.</summary>
    internal async Task<SstReader[]> OpenAsync(DbManifest manifest, CancellationToken cancellationToken)
    {
        var refs = manifest.L0.Concat(manifest.Runs.SelectMany(r => r.Tables)).ToArray();
        var opened = await TreeLoader.OpenTablesAsync(store, sealer, refs.Where(t => !_open.ContainsKey(t.Id)), cancellationToken)
            .ConfigureAwait(false);
        var readers = refs.Select(t => _open.TryGetValue(t.Id, out var known) ? known : opened[t.Id]).ToArray();
        var open = new Dictionary<Ulid, SstReader>(readers.Length);
        foreach (var reader in readers)
        {
            open[reader.TableId] = reader;
        }

        _open = open;
        return readers;
    }

    /// <summary>True when both versions hold the same tree: same tables and the same WAL replay point.</summary>
    internal static bool SameTree(DbManifest a, DbManifest b) =>
        a.WalReplayAfter == b.WalReplayAfter
        && a.LastL0Seq == b.LastL0Seq
        && a.L0.Select(t => t.Id).SequenceEqual(b.L0.Select(t => t.Id))
        && a.Runs.Length == b.Runs.Length
        && a.Runs.Zip(b.Runs).All(p => p.First.Id == p.Second.Id && p.First.Tables.Select(t => t.Id).SequenceEqual(p.Second.Tables.Select(t => t.Id)));
}
