using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>
/// Keeps the read state's tree (L0 + sorted runs) in step with the manifest: after a publish,
/// after the embedded compactor commits, and when the poll loop sees a newer version (a standalone
/// compactor). L0 and runs change in one swap, so a read never misses rows that moved from L0
/// into a run.
/// </summary>
public sealed partial class Db
{
    // Installs the tree of `stored` (when newer than the state's) and drops `published` from the
    // frozen memtables. New tables are opened before the swap; already-open readers are reused.
    private async Task InstallManifestAsync(StoredManifest stored, SstReader? added, FrozenMemtable? published, CancellationToken token)
    {
        var known = TreeLoader.OpenReaders(Volatile.Read(ref _state));
        if (added is not null)
        {
            known[added.TableId] = added;
        }

        var (l0, runs) = await TreeLoader.OpenAsync(_tables.GetOrOpenAsync, stored.Manifest, known, token).ConfigureAwait(false);
        List<Ulid> removed;
        lock (_stateLock)
        {
            var state = _state;
            var frozen = published is null ? state.Frozen : state.Frozen.Remove(published);

            // A newer manifest already installed contains everything of an older one (the writer's
            // L0 prepends survive every merge), so an older one only removes the published memtable.
            var next = stored.Id > state.Manifest.Id
                ? new DbState(state.Memtable, frozen, l0, runs, stored)
                : new DbState(state.Memtable, frozen, state.L0, state.Runs, state.Manifest);
            Volatile.Write(ref _state, next);
            removed = next == state ? [] : TablesRemoved(state, next);
        }

        // The published memtable's rows are now in its table: the engine lets go of its arena;
        // readers still holding it keep it until they finish (MemtableArena).
        published?.Table.ReleaseOwner();

        // Tables compacted away: forget their readers and cached blocks. Readers still held by an
        // older snapshot stay valid (they fetch from the store, which GC keeps for its minimum age).
        foreach (var tableId in removed)
        {
            _tables.Remove(tableId);
        }

        SignalProgress();
    }

    // Called by the poll loop and the embedded compactor: installs a version whose tree differs.
    private async Task RefreshTreeAsync(StoredManifest latest, CancellationToken token)
    {
        var state = Volatile.Read(ref _state);
        if (latest.Id <= state.Manifest.Id || SameTree(latest.Manifest, state.Manifest.Manifest))
        {
            return;
        }

        await InstallManifestAsync(latest, null, null, token).ConfigureAwait(false);
    }

    private static List<Ulid> TablesRemoved(DbState before, DbState after)
    {
        var kept = TreeLoader.OpenReaders(after);
        return [.. TreeLoader.OpenReaders(before).Keys.Where(id => !kept.ContainsKey(id))];
    }

    private static bool SameTree(DbManifest a, DbManifest b) =>
        a.L0.Select(t => t.Id).SequenceEqual(b.L0.Select(t => t.Id))
        && a.Runs.Length == b.Runs.Length
        && a.Runs.Zip(b.Runs).All(p => p.First.Id == p.Second.Id && p.First.Tables.Select(t => t.Id).SequenceEqual(p.Second.Tables.Select(t => t.Id)));

    // ENGINE.md §8: the writer drops L0 entries at and after the compactor's marker when it merges.
    private static ImmutableArray<TableRef> DropCompactedL0(ImmutableArray<TableRef> l0, Ulid? marker)
    {
        if (marker is not { } id)
        {
            return l0;
        }

        var index = l0.IndexOf(l0.FirstOrDefault(t => t.Id == id)!);
        return index < 0 ? l0 : l0.RemoveRange(index, l0.Length - index);
    }
}
