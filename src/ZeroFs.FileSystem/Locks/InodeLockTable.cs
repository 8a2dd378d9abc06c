namespace ZeroFs.FileSystem.Locks;

/// <summary>
/// Per-inode async locks, striped: an inode id maps to one of a fixed set of semaphores. Several
/// inodes are always locked in stripe order (and each stripe once), so two operations that lock
/// overlapping sets cannot deadlock; a false share between two ids only costs parallelism.
/// </summary>
internal sealed class InodeLockTable
{
    private readonly SemaphoreSlim[] _stripes;
    private readonly int _mask;

    public InodeLockTable(int stripes = 4096)
    {
        if (stripes <= 0 || (stripes & (stripes - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(stripes), stripes, "Stripes must be a power of two.");
        }

        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }

        _mask = stripes - 1;
    }

    public int StripeOf(ulong id) => (int)((id * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    /// <summary>Locks one inode.</summary>
    public async ValueTask<LockSet> LockAsync(ulong id, CancellationToken cancellationToken = default)
    {
        var stripe = StripeOf(id);
        await _stripes[stripe].WaitAsync(cancellationToken).ConfigureAwait(false);
        return new LockSet(this, [stripe]);
    }

    /// <summary>Locks several inodes (duplicates allowed) in stripe order.</summary>
    public async ValueTask<LockSet> LockAsync(ReadOnlyMemory<ulong> ids, CancellationToken cancellationToken = default)
    {
        var stripes = new SortedSet<int>();
        foreach (var id in ids.Span)
        {
            stripes.Add(StripeOf(id));
        }

        var ordered = new int[stripes.Count];
        stripes.CopyTo(ordered);
        var taken = 0;
        try
        {
            for (; taken < ordered.Length; taken++)
            {
                await _stripes[ordered[taken]].WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            for (var i = 0; i < taken; i++)
            {
                _stripes[ordered[i]].Release();
            }

            throw;
        }

        return new LockSet(this, ordered);
    }

    /// <summary>True when every id of <paramref name="ids"/> is covered by <paramref name="set"/>.</summary>
    public bool Covers(LockSet set, ReadOnlySpan<ulong> ids)
    {
        foreach (var id in ids)
        {
            if (Array.IndexOf(set.Stripes, StripeOf(id)) < 0)
            {
                return false;
            }
        }

        return true;
    }

    internal void Release(int[] stripes)
    {
        for (var i = stripes.Length - 1; i >= 0; i--)
        {
            _stripes[stripes[i]].Release();
        }
    }
}
