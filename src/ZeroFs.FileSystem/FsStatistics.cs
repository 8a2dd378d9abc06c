namespace ZeroFs.FileSystem;

/// <summary>statfs figures. Used bytes count logical file sizes (holes included).</summary>
/// <param name="TotalBytes">The quota.</param>
/// <param name="UsedBytes">Bytes used by file contents.</param>
/// <param name="TotalInodes">The inode capacity reported (2^48).</param>
/// <param name="UsedInodes">Live inodes.</param>
/// <param name="BlockSize">The preferred block size (4096).</param>
/// <param name="MaxNameLength">The longest name in bytes (255).</param>
public readonly record struct FsStatistics(long TotalBytes, long UsedBytes, long TotalInodes, long UsedInodes, int BlockSize, int MaxNameLength)
{
    /// <summary>Bytes still available under the quota.</summary>
    public long FreeBytes => Math.Max(0, TotalBytes - UsedBytes);

    /// <summary>Inodes still available.</summary>
    public long FreeInodes => Math.Max(0, TotalInodes - UsedInodes);
}
