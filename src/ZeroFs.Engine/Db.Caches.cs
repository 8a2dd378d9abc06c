using ZeroFs.Engine.Cache;

namespace ZeroFs.Engine;

/// <summary>The memory caches of the read path (ENGINE.md §10): table readers and decoded blocks.</summary>
public sealed partial class Db
{
    private readonly TableCache _tables;

    /// <summary>Open table readers and the block cache they share (tests and diagnostics).</summary>
    internal TableCache Tables => _tables;
}
