namespace ZeroFs.Nfs.Nfs3;

/// <summary>sattr3 (RFC 1813 §2.6): the attributes SETATTR, CREATE, MKDIR, SYMLINK and MKNOD set; null leaves one unchanged.</summary>
/// <param name="Mode">New mode, or null.</param>
/// <param name="Uid">New owner, or null.</param>
/// <param name="Gid">New group, or null.</param>
/// <param name="Size">New size, or null.</param>
/// <param name="Atime">How to set the access time.</param>
/// <param name="Mtime">How to set the modification time.</param>
public readonly record struct Nfs3SetAttributes(uint? Mode, uint? Uid, uint? Gid, ulong? Size, SetTime Atime, SetTime Mtime)
{
    /// <summary>True when nothing is to change.</summary>
    public bool IsEmpty => Mode is null && Uid is null && Gid is null && Size is null && Atime.How == TimeHow.DontChange && Mtime.How == TimeHow.DontChange;
}
