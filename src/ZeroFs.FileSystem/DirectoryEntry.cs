namespace ZeroFs.FileSystem;

/// <summary>One readdir entry.</summary>
/// <param name="Name">The raw name bytes (never assumed to be UTF-8).</param>
/// <param name="Id">The inode id the entry names.</param>
/// <param name="Type">The inode's type.</param>
/// <param name="Cookie">Pass this to the next readdir to resume after this entry; stable across changes.</param>
/// <param name="Attributes">The inode's attributes when asked for (readdirplus), or null (also when it was deleted meanwhile).</param>
public sealed record DirectoryEntry(byte[] Name, ulong Id, FileType Type, ulong Cookie, InodeAttributes? Attributes = null);
