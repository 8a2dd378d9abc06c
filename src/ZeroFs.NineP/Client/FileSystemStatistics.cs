namespace ZeroFs.NineP.Client;

/// <summary>The reply to Tstatfs (struct statfs).</summary>
/// <param name="FileSystemType">File-system magic.</param>
/// <param name="BlockSize">Block size.</param>
/// <param name="Blocks">Total blocks.</param>
/// <param name="FreeBlocks">Free blocks.</param>
/// <param name="AvailableBlocks">Blocks available to unprivileged users.</param>
/// <param name="Files">Total inodes.</param>
/// <param name="FreeFiles">Free inodes.</param>
/// <param name="FileSystemId">File-system id.</param>
/// <param name="MaxNameLength">Longest name.</param>
public sealed record FileSystemStatistics(
    uint FileSystemType,
    uint BlockSize,
    ulong Blocks,
    ulong FreeBlocks,
    ulong AvailableBlocks,
    ulong Files,
    ulong FreeFiles,
    ulong FileSystemId,
    uint MaxNameLength);
