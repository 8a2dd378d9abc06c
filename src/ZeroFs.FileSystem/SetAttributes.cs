namespace ZeroFs.FileSystem;

/// <summary>The attributes a setattr changes; null or <see cref="TimeSetting.Omit"/> leaves one unchanged.</summary>
public sealed record SetAttributes
{
    /// <summary>New permission bits (07777), or null.</summary>
    public uint? Mode { get; init; }

    /// <summary>New owner, or null (chown -1).</summary>
    public uint? Uid { get; init; }

    /// <summary>New group, or null (chown -1).</summary>
    public uint? Gid { get; init; }

    /// <summary>New size (truncate), or null.</summary>
    public long? Size { get; init; }

    /// <summary>How to change the access time.</summary>
    public TimeSetting Atime { get; init; }

    /// <summary>How to change the modification time.</summary>
    public TimeSetting Mtime { get; init; }
}
