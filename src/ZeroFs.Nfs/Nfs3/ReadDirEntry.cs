namespace ZeroFs.Nfs.Nfs3;

/// <summary>entry3 (RFC 1813 §3.3.16).</summary>
/// <param name="FileId">The inode number.</param>
/// <param name="Name">The name's bytes.</param>
/// <param name="Cookie">Resume after this entry with this cookie.</param>
public readonly record struct ReadDirEntry(ulong FileId, ReadOnlyMemory<byte> Name, ulong Cookie);
