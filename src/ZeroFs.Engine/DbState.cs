using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine;

/// <summary>
/// The immutable read state (ENGINE.md §10): the mutable memtable, frozen memtables newest first,
/// the open L0 tables newest first, and the open sorted runs newest first. Swapped atomically by the writer; a read takes one
/// reference and needs no lock.
/// </summary>
internal sealed class DbState
{
    /// <summary>Creates a state and its read view.</summary>
    internal DbState(
        SkipListMemtable memtable,
        ImmutableArray<FrozenMemtable> frozen,
        ImmutableArray<SstReader> l0,
        ImmutableArray<RunReader> runs,
        StoredManifest manifest)
    {
        Memtable = memtable;
        Frozen = frozen;
        L0 = l0;
        Runs = runs;
        Manifest = manifest;
        var memtables = new SkipListMemtable[1 + frozen.Length];
        memtables[0] = memtable;
        for (var i = 0; i < frozen.Length; i++)
        {
            memtables[i + 1] = frozen[i].Table;
        }

        View = new ReadView(memtables, [.. l0], [.. runs]);
    }

    /// <summary>The memtable receiving writes.</summary>
    internal SkipListMemtable Memtable { get; }

    /// <summary>Frozen memtables awaiting publish, newest first.</summary>
    internal ImmutableArray<FrozenMemtable> Frozen { get; }

    /// <summary>Open L0 tables, newest first (matching the manifest's L0 list).</summary>
    internal ImmutableArray<SstReader> L0 { get; }

    /// <summary>Open sorted runs, newest (highest id) first (matching the manifest's run list).</summary>
    internal ImmutableArray<RunReader> Runs { get; }

    /// <summary>The manifest version the L0 list and the runs came from.</summary>
    internal StoredManifest Manifest { get; }

    /// <summary>What reads search.</summary>
    internal ReadView View { get; }

    /// <summary>Bytes held by memtables not yet published.</summary>
    internal long UnflushedBytes
    {
        get
        {
            var total = Memtable.ApproximateBytes;
            foreach (var f in Frozen)
            {
                total += f.Table.ApproximateBytes;
            }

            return total;
        }
    }
}
