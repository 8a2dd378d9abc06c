namespace ZeroFs.ObjectStore;

/// <summary>
/// Settings of <see cref="RangeDiskCacheObjectStore"/> (ENGINE.md §10 disk cache). The host binds
/// <c>[cache] dir</c> and <c>disk_size_gb</c> to <see cref="RootPath"/> and <see cref="BudgetBytes"/>.
/// </summary>
/// <param name="RootPath">Directory holding the cache (one sub-directory per store id).</param>
/// <param name="BudgetBytes">Most bytes the part files may use; the least recently used parts go first.</param>
/// <param name="PartSize">Size of a cached part (default 1 MiB); parts are aligned to multiples of it.</param>
/// <param name="CachedPrefixes">
/// Key prefixes of immutable objects to cache (default <c>sst/</c>). Never list mutable objects
/// (manifests, WAL segments, floors): the cache assumes an object's bytes never change under its key.
/// </param>
/// <param name="AdmitOnPut">Whether a PUT of a cached object also writes its parts (default true: fresh tables are read soon).</param>
public sealed record DiskCacheOptions(
    string RootPath,
    long BudgetBytes,
    int PartSize = DiskCacheOptions.DefaultPartSize,
    IReadOnlyList<string>? CachedPrefixes = null,
    bool AdmitOnPut = true)
{
    /// <summary>The default part size (1 MiB; SlateDB uses 4 MiB, but our reads are 16–32 KiB).</summary>
    public const int DefaultPartSize = 1024 * 1024;

    /// <summary>The prefixes cached when <see cref="CachedPrefixes"/> is null.</summary>
    public static IReadOnlyList<string> DefaultPrefixes { get; } = ["sst/"];

    /// <summary>The prefixes in effect.</summary>
    public IReadOnlyList<string> EffectivePrefixes => CachedPrefixes ?? DefaultPrefixes;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(RootPath, nameof(RootPath));
        ArgumentOutOfRangeException.ThrowIfLessThan(BudgetBytes, 1, nameof(BudgetBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartSize, 4096, nameof(PartSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartSize, 64 * 1024 * 1024, nameof(PartSize));
        foreach (var prefix in EffectivePrefixes)
        {
            if (prefix is null || prefix.StartsWith('/') || prefix.Contains("..", StringComparison.Ordinal) || prefix.Contains('\\'))
            {
                throw new ArgumentException($"Cached prefix '{prefix}' must be a relative key prefix without '..' or '\\'.", nameof(CachedPrefixes));
            }
        }
    }
}
