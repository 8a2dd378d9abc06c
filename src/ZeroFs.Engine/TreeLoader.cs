using System.Collections.Immutable;
using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>
/// Opens the tables a manifest references (one ranged GET each, at most 4 at once), reusing
/// readers that are already open so a manifest change only fetches the new tables. The writer
/// opens through its <c>TableCache</c>, so every reader shares the block cache.
/// </summary>
internal static class TreeLoader
{
    /// <summary>Readers for the L0 list (same order) and the runs (same order) of <paramref name="manifest"/>.</summary>
    internal static async Task<(ImmutableArray<SstReader> L0, ImmutableArray<RunReader> Runs)> OpenAsync(
        Func<TableRef, CancellationToken, Task<SstReader>> openTable,
        DbManifest manifest,
        IReadOnlyDictionary<Ulid, SstReader> open,
        CancellationToken cancellationToken)
    {
        var wanted = manifest.L0.Concat(manifest.Runs.SelectMany(r => r.Tables)).Where(t => !open.ContainsKey(t.Id));
        var all = await OpenTablesAsync(openTable, wanted, cancellationToken).ConfigureAwait(false);
        foreach (var (id, reader) in open)
        {
            all.TryAdd(id, reader);
        }

        var l0 = manifest.L0.Select(t => all[t.Id]).ToImmutableArray();
        var runs = manifest.Runs.Select(r => new RunReader(r.Id, [.. r.Tables.Select(t => all[t.Id])])).ToImmutableArray();
        return (l0, runs);
    }

    /// <summary>Opens <paramref name="tables"/> directly from the store, bypassing any cache (compaction inputs).</summary>
    internal static Task<Dictionary<Ulid, SstReader>> OpenTablesAsync(
        IObjectStore store, BlockSealer sealer, IEnumerable<TableRef> tables, CancellationToken cancellationToken) =>
        OpenTablesAsync(
            (t, ct) => SstReader.OpenAsync(store, sealer, t.Id, (long)t.Size, (long)t.MetaOffset, (int)t.MetaLength, null, ct),
            tables,
            cancellationToken);

    /// <summary>Opens <paramref name="tables"/> with <paramref name="openTable"/> (at most 4 at once).</summary>
    internal static async Task<Dictionary<Ulid, SstReader>> OpenTablesAsync(
        Func<TableRef, CancellationToken, Task<SstReader>> openTable, IEnumerable<TableRef> tables, CancellationToken cancellationToken)
    {
        var wanted = tables.DistinctBy(t => t.Id).ToList();
        var opened = new SstReader[wanted.Count];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(wanted.Select(async (t, i) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    opened[i] = await openTable(t, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
        }

        return opened.ToDictionary(r => r.TableId);
    }

    /// <summary>Every open reader of <paramref name="state"/> by table id.</summary>
    internal static Dictionary<Ulid, SstReader> OpenReaders(DbState state)
    {
        var result = new Dictionary<Ulid, SstReader>();
        foreach (var reader in state.L0)
        {
            result[reader.TableId] = reader;
        }

        foreach (var run in state.Runs)
        {
            foreach (var reader in run.Tables)
            {
                result[reader.TableId] = reader;
            }
        }

        return result;
    }
}
