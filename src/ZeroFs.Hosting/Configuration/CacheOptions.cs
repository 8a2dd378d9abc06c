namespace ZeroFs.Hosting.Configuration;

/// <summary>The <c>[cache]</c> table: local disk and memory budgets for cached blocks.</summary>
public sealed record CacheOptions
{
    /// <summary>Root directory of the disk cache (<c>cache.dir</c>, required, <c>${VAR}</c> expanded).</summary>
    public required string Dir { get; init; }

    /// <summary>Disk budget in bytes (<c>cache.disk_size_gb</c>, required, decimal GB).</summary>
    public required long DiskSizeBytes { get; init; }

    /// <summary>Memory budget in bytes (<c>cache.memory_size_gb</c>, decimal GB); default 0.25 GB.</summary>
    public long MemorySizeBytes { get; init; } = 250_000_000;
}
