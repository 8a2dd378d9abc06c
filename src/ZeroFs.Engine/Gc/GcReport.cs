namespace ZeroFs.Engine.Gc;

/// <summary>What one GC pass removed (or, in a dry run, would remove).</summary>
/// <param name="DryRun">True when nothing was changed.</param>
/// <param name="ManifestId">The latest manifest the pass worked from.</param>
/// <param name="ExpiredCheckpoints">Checkpoints removed because they expired.</param>
/// <param name="Wal">WAL segment keys deleted.</param>
/// <param name="Tables">Table keys deleted.</param>
/// <param name="Manifests">Manifest keys deleted.</param>
/// <param name="Bytes">Bytes deleted.</param>
/// <param name="ManifestFloor">The manifest floor after the pass (0 when never set).</param>
public sealed record GcReport(
    bool DryRun,
    ulong ManifestId,
    IReadOnlyList<Guid> ExpiredCheckpoints,
    IReadOnlyList<string> Wal,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> Manifests,
    long Bytes,
    ulong ManifestFloor);
