namespace ZeroFs.Engine.Compaction;

/// <summary>Where compaction and GC run for a writer (ENGINE.md §9 "Standalone mode").</summary>
public enum CompactorMode
{
    /// <summary>The writer runs the compactor (and GC) in-process, unless a standalone compactor is active.</summary>
    Embedded = 0,

    /// <summary>A standalone <c>zerofs compactor</c> process compacts and collects garbage; the writer never does.</summary>
    External = 1,
}
