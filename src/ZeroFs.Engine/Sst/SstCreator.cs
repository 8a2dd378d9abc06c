namespace ZeroFs.Engine.Sst;

/// <summary>Which role wrote a table (stored in its properties block).</summary>
public enum SstCreator : byte
{
    /// <summary>Unknown (a property missing from an old table).</summary>
    Unknown = 0,

    /// <summary>The writer flushed a memtable to L0.</summary>
    Writer = 1,

    /// <summary>The compactor wrote a sorted-run table.</summary>
    Compactor = 2,
}
