namespace ZeroFs.Engine;

/// <summary>
/// What an entry does to its key (ENGINE.md §5). The value is the byte stored in data blocks,
/// memtables and WAL segments, so existing values never change.
/// </summary>
public enum EntryKind : byte
{
    /// <summary>Sets the key to the entry's value.</summary>
    Put = 1,

    /// <summary>A tombstone: hides every older version of the key.</summary>
    Delete = 2,

    /// <summary>Reserved for merge operands (not in v1); rejected by every decoder today.</summary>
    Merge = 3,
}
