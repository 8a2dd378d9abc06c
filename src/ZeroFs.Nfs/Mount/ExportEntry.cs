namespace ZeroFs.Nfs.Mount;

/// <summary>exportnode (RFC 1813 appendix I): an exported directory and the groups allowed to mount it (empty: everyone).</summary>
/// <param name="Directory">The export path.</param>
/// <param name="Groups">Group (host) names allowed.</param>
public sealed record ExportEntry(ReadOnlyMemory<byte> Directory, IReadOnlyList<ReadOnlyMemory<byte>> Groups);
