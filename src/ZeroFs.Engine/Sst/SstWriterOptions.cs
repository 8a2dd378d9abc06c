namespace ZeroFs.Engine.Sst;

/// <summary>How tables are laid out (ENGINE.md §6, §11).</summary>
public sealed record SstWriterOptions
{
    /// <summary>Smallest allowed <see cref="BlockBytes"/>.</summary>
    public const int MinBlockBytes = 4 * 1024;

    /// <summary>Largest allowed <see cref="BlockBytes"/>.</summary>
    public const int MaxBlockBytes = 64 * 1024;

    /// <summary>Smallest allowed <see cref="PartBytes"/>: the smallest upload part plus room for a block.</summary>
    public const int MinPartBytes = ObjectStore.ObjectUploadLimits.MinPartBytes + (128 * 1024);

    /// <summary>Target plaintext size of a data block; a block is cut at the first user-key boundary past it.</summary>
    public int BlockBytes { get; init; } = 16 * 1024;

    /// <summary>Bloom filter bits per distinct user key.</summary>
    public int BloomBitsPerKey { get; init; } = 10;

    /// <summary>Bloom filter probes per key.</summary>
    public int BloomProbes { get; init; } = 7;

    /// <summary>Tables with fewer distinct user keys get no filter.</summary>
    public int MinFilterKeys { get; init; } = 1000;

    /// <summary>
    /// Size of the pooled segments a table is sealed into and uploaded from, one upload part each
    /// (default 8 MiB; decision engine-0004). A table never needs more than three at once.
    /// </summary>
    public int PartBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is outside its range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockBytes, MinBlockBytes, nameof(BlockBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlockBytes, MaxBlockBytes, nameof(BlockBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(BloomBitsPerKey, 1, nameof(BloomBitsPerKey));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BloomBitsPerKey, 64, nameof(BloomBitsPerKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(BloomProbes, 1, nameof(BloomProbes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BloomProbes, 30, nameof(BloomProbes));
        ArgumentOutOfRangeException.ThrowIfNegative(MinFilterKeys, nameof(MinFilterKeys));
        ArgumentOutOfRangeException.ThrowIfLessThan(PartBytes, MinPartBytes, nameof(PartBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartBytes, 64 * 1024 * 1024, nameof(PartBytes));
    }
}
