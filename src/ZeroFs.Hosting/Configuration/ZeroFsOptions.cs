namespace ZeroFs.Hosting.Configuration;

/// <summary>Everything one <c>zerofs run</c> needs, bound from a config file or the built-in default.</summary>
public sealed record ZeroFsOptions
{
    /// <summary><c>[cache]</c> (required).</summary>
    public required CacheOptions Cache { get; init; }

    /// <summary><c>[storage]</c> (required).</summary>
    public required StorageOptions Storage { get; init; }

    /// <summary><c>[filesystem]</c> (optional).</summary>
    public FileSystemOptions FileSystem { get; init; } = new();

    /// <summary><c>[lsm]</c> (optional).</summary>
    public LsmOptions Lsm { get; init; } = new();

    /// <summary><c>[wal]</c>: a separate WAL store; <see langword="null"/> = the WAL lives in the main store.</summary>
    public WalStoreOptions? Wal { get; init; }

    /// <summary><c>[servers]</c> (required).</summary>
    public required ServersOptions Servers { get; init; }

    /// <summary><c>[aws]</c>: string settings forwarded to the S3 client (<c>${VAR}</c> expanded). Never logged.</summary>
    public IReadOnlyDictionary<string, string> Aws { get; init; } = new Dictionary<string, string>();

    /// <summary>The config file these options came from, or <see langword="null"/> for the built-in default.</summary>
    public string? SourcePath { get; init; }
}
