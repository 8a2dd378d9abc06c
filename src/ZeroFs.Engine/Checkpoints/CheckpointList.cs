using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Checkpoints;

/// <summary>Queries and edits of a manifest's checkpoint list (pure; no I/O).</summary>
internal static class CheckpointList
{
    /// <summary>Longest accepted checkpoint name, in characters.</summary>
    internal const int MaxNameLength = 256;

    /// <summary>Owner recorded on a follower's lease checkpoint.</summary>
    internal const string ReaderOwner = "reader";

    /// <summary>True while <paramref name="checkpoint"/> has not expired at <paramref name="now"/>.</summary>
    internal static bool IsLive(Checkpoint checkpoint, DateTimeOffset now) => checkpoint.Expires is not { } expires || expires > now;

    /// <summary>Live checkpoints, optionally only those labelled <paramref name="name"/>, oldest first.</summary>
    internal static IReadOnlyList<CheckpointInfo> Live(DbManifest? manifest, DateTimeOffset now, string? name)
    {
        if (manifest is null)
        {
            return [];
        }

        return
        [
            .. manifest.Checkpoints
                .Where(c => IsLive(c, now) && (name is null || string.Equals(c.Name, name, StringComparison.Ordinal)))
                .OrderBy(c => c.Created)
                .Select(CheckpointInfo.From),
        ];
    }

    /// <summary>The live checkpoint <paramref name="id"/>, or null.</summary>
    internal static Checkpoint? FindLive(DbManifest manifest, Guid id, DateTimeOffset now) =>
        manifest.Checkpoints.FirstOrDefault(c => c.Id == id && IsLive(c, now));

    /// <summary>The newest live checkpoint labelled <paramref name="name"/>, or null.</summary>
    internal static Checkpoint? FindLive(DbManifest manifest, string name, DateTimeOffset now) =>
        manifest.Checkpoints
            .Where(c => string.Equals(c.Name, name, StringComparison.Ordinal) && IsLive(c, now))
            .OrderByDescending(c => c.Created)
            .FirstOrDefault();

    /// <summary>The list with <paramref name="checkpoint"/> added, or replacing the entry with its id.</summary>
    internal static ImmutableArray<Checkpoint> Upsert(ImmutableArray<Checkpoint> list, Checkpoint checkpoint)
    {
        var index = IndexOf(list, checkpoint.Id);
        return index < 0 ? list.Add(checkpoint) : list.SetItem(index, checkpoint);
    }

    /// <summary>The index of checkpoint <paramref name="id"/> in <paramref name="list"/>, or -1.</summary>
    internal static int IndexOf(ImmutableArray<Checkpoint> list, Guid id)
    {
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><paramref name="time"/> at the stored (millisecond) precision, so returned and listed values agree.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>The expiry of a checkpoint created or refreshed at <paramref name="now"/>.</summary>
    internal static DateTimeOffset? ExpiryOf(DateTimeOffset now, TimeSpan? lifetime)
    {
        if (lifetime is not { } span)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, "lifetime");
        return Truncate(now + span);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an empty, too long or control-character name.</summary>
    internal static void ValidateName(string? name)
    {
        if (name is not null && (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl)))
        {
            throw new ArgumentException($"A checkpoint name must be 1..{MaxNameLength} printable characters.", nameof(name));
        }
    }
}
