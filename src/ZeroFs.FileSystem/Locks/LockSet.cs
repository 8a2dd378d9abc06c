namespace ZeroFs.FileSystem.Locks;

/// <summary>A set of held inode-lock stripes; disposing releases them.</summary>
internal readonly struct LockSet : IDisposable
{
    private readonly InodeLockTable? _table;

    public LockSet(InodeLockTable table, int[] stripes)
    {
        _table = table;
        Stripes = stripes;
    }

    public int[] Stripes { get; }

    public void Dispose() => _table?.Release(Stripes);
}
