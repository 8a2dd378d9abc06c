using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Client;

/// <summary>The reply to Tgetattr; <see cref="Valid"/> says which fields carry values.</summary>
public sealed record FileAttributes
{
    /// <summary>Gets the fields that carry values.</summary>
    public GetattrMask Valid { get; init; }

    /// <summary>Gets the qid.</summary>
    public Qid Qid { get; init; }

    /// <summary>Gets the file type and permission bits.</summary>
    public uint Mode { get; init; }

    /// <summary>Gets the owner.</summary>
    public uint Uid { get; init; }

    /// <summary>Gets the group.</summary>
    public uint Gid { get; init; }

    /// <summary>Gets the number of hard links.</summary>
    public ulong LinkCount { get; init; }

    /// <summary>Gets the device number of a device node.</summary>
    public ulong RDev { get; init; }

    /// <summary>Gets the size in bytes.</summary>
    public ulong Size { get; init; }

    /// <summary>Gets the preferred I/O size.</summary>
    public ulong BlockSize { get; init; }

    /// <summary>Gets the allocated 512-byte blocks.</summary>
    public ulong Blocks { get; init; }

    /// <summary>Gets the access time.</summary>
    public (ulong Seconds, ulong Nanoseconds) Atime { get; init; }

    /// <summary>Gets the modification time.</summary>
    public (ulong Seconds, ulong Nanoseconds) Mtime { get; init; }

    /// <summary>Gets the change time.</summary>
    public (ulong Seconds, ulong Nanoseconds) Ctime { get; init; }

    /// <summary>Gets the birth time (reserved by the spec).</summary>
    public (ulong Seconds, ulong Nanoseconds) Btime { get; init; }

    /// <summary>Gets the inode generation (reserved).</summary>
    public ulong Generation { get; init; }

    /// <summary>Gets the data version (reserved).</summary>
    public ulong DataVersion { get; init; }
}
