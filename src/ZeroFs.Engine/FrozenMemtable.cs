using ZeroFs.Engine.Memtable;

namespace ZeroFs.Engine;

/// <summary>
/// A memtable frozen for L0 flush (ENGINE.md §9): its table id (minted at freeze time, in seq
/// order), the WAL replay point its publish establishes, and its upload.
/// </summary>
internal sealed class FrozenMemtable
{
    /// <summary>Wraps a frozen memtable.</summary>
    internal FrozenMemtable(SkipListMemtable table, Ulid tableId, ulong replayAfter, long lastTick)
    {
        Table = table;
        TableId = tableId;
        ReplayAfter = replayAfter;
        LastTick = lastTick;
    }

    /// <summary>The frozen entries.</summary>
    internal SkipListMemtable Table { get; }

    /// <summary>The L0 table's id.</summary>
    internal Ulid TableId { get; }

    /// <summary>Every WAL segment ≤ this is contained in this table and older ones.</summary>
    internal ulong ReplayAfter { get; }

    /// <summary>Timestamp of the newest batch in the table.</summary>
    internal long LastTick { get; }

    /// <summary>The upload (build + seal + PUT), started by the uploader.</summary>
    internal Task<Sst.SstInfo>? Upload { get; set; }
}
