namespace ZeroFs.Engine.Sst;

/// <summary>
/// Statistics of one table, stored sealed in its properties block (ENGINE.md §6) and mirrored into
/// the manifest's TableRef.
/// </summary>
public sealed record SstProperties
{
    /// <summary>Number of entries (every version and tombstone).</summary>
    public required ulong EntryCount { get; init; }

    /// <summary>Number of tombstones.</summary>
    public required ulong TombstoneCount { get; init; }

    /// <summary>Smallest user key.</summary>
    public required byte[] MinKey { get; init; }

    /// <summary>Largest user key.</summary>
    public required byte[] MaxKey { get; init; }

    /// <summary>Smallest sequence number.</summary>
    public required ulong MinSeq { get; init; }

    /// <summary>Largest sequence number.</summary>
    public required ulong MaxSeq { get; init; }

    /// <summary>Sum of user key lengths over all entries (before prefix compression).</summary>
    public required ulong RawKeyBytes { get; init; }

    /// <summary>Sum of value lengths over all entries.</summary>
    public required ulong RawValueBytes { get; init; }

    /// <summary>Number of data blocks.</summary>
    public required ulong DataBlockCount { get; init; }

    /// <summary>Which role wrote the table.</summary>
    public SstCreator CreatedBy { get; init; }

    /// <summary>Epoch of the writer or compactor that wrote it.</summary>
    public ulong Epoch { get; init; }
}
