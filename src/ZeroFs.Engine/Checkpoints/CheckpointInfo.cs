using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Checkpoints;

/// <summary>A checkpoint as callers see it: a pin on one manifest version that GC honours until it expires.</summary>
/// <param name="Id">The checkpoint id.</param>
/// <param name="Name">Its label, or null (names are not unique at the engine level).</param>
/// <param name="ManifestId">The pinned manifest version.</param>
/// <param name="Created">Creation time (millisecond precision).</param>
/// <param name="Expires">Expiry time (millisecond precision), or null for none.</param>
/// <param name="Owner">Who maintains it: null for user checkpoints, <c>reader</c> for a follower's lease.</param>
public sealed record CheckpointInfo(Guid Id, string? Name, ulong ManifestId, DateTimeOffset Created, DateTimeOffset? Expires, string? Owner)
{
    /// <summary>The public view of a stored checkpoint.</summary>
    internal static CheckpointInfo From(Checkpoint checkpoint) =>
        new(checkpoint.Id, checkpoint.Name, checkpoint.ManifestId, checkpoint.Created, checkpoint.Expires, checkpoint.Owner);
}
