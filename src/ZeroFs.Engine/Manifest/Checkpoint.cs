namespace ZeroFs.Engine.Manifest;

/// <summary>A named pin on a manifest version (ENGINE.md §8, §9 Checkpoints); used from M7 on.</summary>
/// <param name="Id">Checkpoint id.</param>
/// <param name="ManifestId">The pinned manifest id.</param>
/// <param name="Created">Creation time (millisecond precision when stored).</param>
/// <param name="Expires">Expiry time, or null for none.</param>
/// <param name="Name">Optional label.</param>
/// <param name="Owner">Optional owner (for example a reader's id).</param>
public sealed record Checkpoint(Guid Id, ulong ManifestId, DateTimeOffset Created, DateTimeOffset? Expires, string? Name, string? Owner);
