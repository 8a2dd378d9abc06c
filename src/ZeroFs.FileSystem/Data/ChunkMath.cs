namespace ZeroFs.FileSystem.Data;

/// <summary>File data lives in 32 KiB chunks keyed by (inode, chunk index).</summary>
internal static class ChunkMath
{
    public const int ChunkSize = 32 * 1024;
    public const int ChunkShift = 15;

    /// <summary>Chunks a file of <paramref name="size"/> bytes can occupy.</summary>
    public static ulong ChunkCount(long size) => (ulong)((size + ChunkSize - 1) >> ChunkShift);
}
