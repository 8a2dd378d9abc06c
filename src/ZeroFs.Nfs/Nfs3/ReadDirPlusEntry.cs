namespace ZeroFs.Nfs.Nfs3;

/// <summary>entryplus3 (RFC 1813 §3.3.17).</summary>
/// <param name="FileId">The inode number.</param>
/// <param name="Name">The name's bytes.</param>
/// <param name="Cookie">Resume after this entry with this cookie.</param>
/// <param name="Attributes">The entry's attributes, or null.</param>
/// <param name="Handle">The entry's handle, or null.</param>
public readonly record struct ReadDirPlusEntry(ulong FileId, ReadOnlyMemory<byte> Name, ulong Cookie, Nfs3Attributes? Attributes, NfsFileHandle? Handle);
