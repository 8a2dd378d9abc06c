namespace ZeroFs.Hosting.Configuration;

/// <summary>
/// The optional <c>[wal]</c> table: a separate store for the write-ahead log. On a local disk it
/// makes acknowledged writes durable on that machine only, until the next flush publishes them to
/// the bucket (bounded by <see cref="LsmOptions.FlushIntervalSecs"/>).
/// </summary>
public sealed record WalStoreOptions
{
    /// <summary>The WAL store URL (<c>wal.url</c>, required in the table, <c>${VAR}</c> expanded); same forms as <see cref="StorageOptions.Url"/>.</summary>
    public required string Url { get; init; }
}
