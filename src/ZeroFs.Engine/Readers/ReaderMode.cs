namespace ZeroFs.Engine.Readers;

/// <summary>How a read-only database tracks the tree (ENGINE.md §9 "Readers").</summary>
public enum ReaderMode
{
    /// <summary>
    /// Follows the writer: holds its own lease checkpoint, polls the manifest and replays new WAL
    /// segments, so it converges to the writer's durable state within poll + WAL flush interval.
    /// </summary>
    Follow = 0,

    /// <summary>Reads one checkpoint (its manifest plus its WAL range); the view never changes.</summary>
    Pinned = 1,
}
