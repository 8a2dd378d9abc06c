using ZeroFs.Crypto;

namespace ZeroFs.Hosting.Configuration;

/// <summary>The optional <c>[filesystem]</c> table.</summary>
public sealed record FileSystemOptions
{
    /// <summary>Quota in bytes (<c>filesystem.max_size_gb</c>); growth beyond it fails with ENOSPC. <see langword="null"/> = unlimited.</summary>
    public long? MaxSizeBytes { get; init; }

    /// <summary>Codec for newly written data (<c>filesystem.compression</c>); default <c>zstd-3</c>.</summary>
    public CompressionOptions Compression { get; init; } = CompressionOptions.Default;
}
