namespace ZeroFs.Hosting;

/// <summary>How a <see cref="ZeroFsHost"/> opens the bucket.</summary>
public enum AccessMode
{
    /// <summary>The single writer: runs the conditional-write self-test and creates the key file on first start.</summary>
    Writer,

    /// <summary>A read replica (<c>--read-only</c>): never writes; the bucket must be initialised.</summary>
    ReadOnly,

    /// <summary>A read-only view pinned to a named checkpoint (<c>--checkpoint NAME</c>).</summary>
    Checkpoint,

    /// <summary>
    /// Read-only inspection (<c>zerofs debug</c>): opens the stores and unlocks the key without
    /// creating anything, serves nothing, and never opens the engine as a writer.
    /// </summary>
    Inspect,

    /// <summary>
    /// The standalone compactor (<c>zerofs compactor</c>): compaction and GC for a bucket whose
    /// writer runs with <c>[lsm] compactor = "external"</c>; coordinates only through the bucket.
    /// </summary>
    Compactor,
}
