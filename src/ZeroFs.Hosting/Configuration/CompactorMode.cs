namespace ZeroFs.Hosting.Configuration;

/// <summary>Where compaction and garbage collection run (<c>[lsm] compactor</c>).</summary>
public enum CompactorMode
{
    /// <summary><c>"embedded"</c>: the writer process compacts (default).</summary>
    Embedded,

    /// <summary><c>"external"</c>: a separate <c>zerofs compactor</c> process owns the role; the writer does not compact.</summary>
    External,
}
