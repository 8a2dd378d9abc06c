namespace ZeroFs.FileSystem;

/// <summary>Filesystem settings (the <c>[filesystem]</c> config section).</summary>
public sealed record FileSystemOptions
{
    /// <summary>The quota on logical file bytes; growth past it fails with <see cref="FsStatus.NoSpace"/>. Default 8 EiB (no quota).</summary>
    public long MaxSizeBytes { get; init; } = long.MaxValue;

    /// <summary>The largest file size; larger truncates and writes fail with <see cref="FsStatus.FileTooLarge"/>. Default 16 TiB.</summary>
    public long MaxFileSize { get; init; } = 16L << 40;

    /// <summary>The owner of the root directory when the filesystem is created.</summary>
    public uint RootUid { get; init; }

    /// <summary>The group of the root directory when the filesystem is created.</summary>
    public uint RootGid { get; init; }

    /// <summary>The mode of the root directory when created: 01777 (world-writable, sticky, like /tmp) by default.</summary>
    public uint RootMode { get; init; } = 0x3FF; // 01777

    /// <summary>Sequential writes to one file are coalesced in memory up to this many bytes before reaching the engine.</summary>
    public int WriteCoalesceBytes { get; init; } = 1024 * 1024;

    /// <summary>All files' coalesced writes together stay below this many bytes; past it writes go straight to the engine.</summary>
    public long WriteCoalesceTotalBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Files with at most this many chunks have their data deleted inline; larger ones go to the reaper.</summary>
    public int InlineDeleteChunks { get; init; } = 10;

    /// <summary>Chunk deletes per reaper batch.</summary>
    public int ReaperBatchChunks { get; init; } = 4096;

    /// <summary>How long the reaper sleeps when its queue is empty (it is also woken by new tombstones).</summary>
    public TimeSpan ReaperIdleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most hard links to one inode; link fails with <see cref="FsStatus.TooManyLinks"/> beyond (ext4's 65000 by default).</summary>
    public uint MaxLinks { get; init; } = 65000;

    /// <summary>The largest extended attribute value.</summary>
    public int MaxXattrValueBytes { get; init; } = 64 * 1024;

    /// <summary>Checks ranges; throws <see cref="ArgumentOutOfRangeException"/> on a bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSizeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFileSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RootMode, 0xFFFu);
        ArgumentOutOfRangeException.ThrowIfNegative(WriteCoalesceBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(WriteCoalesceTotalBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(InlineDeleteChunks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ReaperBatchChunks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxXattrValueBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLinks, 2u);
    }
}
