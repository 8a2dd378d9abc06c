using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Checkpoints;

/// <summary>
/// Checkpoint edits on the manifest log, usable by every role (ENGINE.md §8: everyone may add and
/// remove checkpoints; the list is always taken from the freshly read version and the edit
/// re-applied, so a concurrent rewrite by another role never loses a checkpoint — invariant 11).
/// Only the checkpoint list, <c>created</c> and <c>creatorRole</c> change, plus whatever the
/// caller's own-field hook sets (the writer sets <c>walNextHint</c>).
/// </summary>
internal sealed class CheckpointEditor(ManifestStore manifests, TimeProvider time, CreatorRole role)
{
    /// <summary>
    /// Reads the latest version, lets <paramref name="edit"/> build the next one from it (null =
    /// nothing to change: no version is written and the latest is returned), creates it under the
    /// next id, and repeats from a fresh read after losing a race.
    /// </summary>
    internal async Task<StoredManifest> EditAsync(Func<StoredManifest, DbManifest?> edit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var latest = await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The store holds no manifest: no tree was ever created here.");
            var next = edit(latest);
            if (next is null)
            {
                return latest;
            }

            next = next with { Created = time.GetUtcNow(), CreatorRole = role };
            if (await manifests.TryCreateAsync(latest.Id + 1, next, cancellationToken).ConfigureAwait(false))
            {
                return new StoredManifest(latest.Id + 1, next);
            }
        }
    }

    /// <summary>
    /// Adds (or replaces, by id) <paramref name="checkpoint"/> pinning the version being written
    /// (<c>manifestId</c> = that id). <paramref name="ownFields"/> re-applies the caller's own
    /// fields on every attempt, or throws to stop (for example <see cref="FencedException"/>).
    /// </summary>
    internal Task<StoredManifest> PinAsync(Checkpoint checkpoint, Func<StoredManifest, DbManifest>? ownFields, CancellationToken cancellationToken) =>
        EditAsync(
            latest =>
            {
                var m = ownFields?.Invoke(latest) ?? latest.Manifest;
                return m with { Checkpoints = CheckpointList.Upsert(m.Checkpoints, checkpoint with { ManifestId = latest.Id + 1 }) };
            },
            cancellationToken);

    /// <summary>Sets the expiry of live checkpoint <paramref name="id"/>; null when it is missing or expired (nothing written).</summary>
    internal async Task<Checkpoint?> SetExpiryAsync(Guid id, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        Checkpoint? updated = null;
        await EditAsync(
            latest =>
            {
                updated = null;
                var m = latest.Manifest;
                var current = CheckpointList.FindLive(m, id, time.GetUtcNow());
                if (current is null)
                {
                    return null;
                }

                updated = current with { Expires = expires };
                return m with { Checkpoints = CheckpointList.Upsert(m.Checkpoints, updated) };
            },
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Removes checkpoint <paramref name="id"/>; false when it was not there (nothing written).</summary>
    internal async Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken)
    {
        var removed = false;
        await EditAsync(
            latest =>
            {
                var m = latest.Manifest;
                var index = CheckpointList.IndexOf(m.Checkpoints, id);
                removed = index >= 0;
                return removed ? m with { Checkpoints = m.Checkpoints.RemoveAt(index) } : null;
            },
            cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
