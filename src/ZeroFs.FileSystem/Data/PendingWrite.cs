using System.Runtime.CompilerServices;
using ZeroFs.FileSystem.Inodes;

namespace ZeroFs.FileSystem.Data;

/// <summary>
/// Sequential writes to one file held in memory until fsync, release, a non-sequential write, the
/// size threshold or the background tick pushes them into the engine as one batch. Only touched
/// under the inode's lock; <see cref="Attributes"/> is a snapshot readable without it.
/// </summary>
internal sealed class PendingWrite(InodeRecord inode, long persistedSize, long start, byte[] buffer)
{
    private StrongBox<InodeAttributes> _attributes = new(inode.ToAttributes());

    /// <summary>The inode as it will be once the data lands.</summary>
    public InodeRecord Inode { get; } = inode;

    /// <summary>The size in the engine (the stats delta is taken from it).</summary>
    public long PersistedSize { get; } = persistedSize;

    public long Start { get; } = start;

    public byte[] Buffer { get; set; } = buffer;

    public int Length { get; set; }

    /// <summary>Growth reserved in the accounting until the flush commits it.</summary>
    public long Reserved { get; set; }

    public long End => Start + Length;

    public InodeAttributes Attributes => Volatile.Read(ref _attributes).Value;

    public void Publish() => Volatile.Write(ref _attributes, new StrongBox<InodeAttributes>(Inode.ToAttributes()));
}
