namespace ZeroFs.FileSystem;

/// <summary>A page of readdir results.</summary>
/// <param name="Entries">Entries in cookie order.</param>
/// <param name="EndOfDirectory">True when no entry follows the last one returned.</param>
public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Entries, bool EndOfDirectory);
