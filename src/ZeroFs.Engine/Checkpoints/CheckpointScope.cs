namespace ZeroFs.Engine.Checkpoints;

/// <summary>What a new checkpoint must contain (ENGINE.md §9 "Checkpoints").</summary>
public enum CheckpointScope
{
    /// <summary>
    /// Everything durable when the call starts (published tables and written WAL segments), without
    /// forcing a flush: one manifest CAS that pins the version it writes.
    /// </summary>
    Durable = 0,

    /// <summary>
    /// Every write acknowledged before the call: flushes the WAL, freezes the memtable and attaches
    /// the checkpoint to the L0 publish that contains it. The default for user checkpoints.
    /// </summary>
    All = 1,
}
