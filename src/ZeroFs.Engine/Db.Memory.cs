using ZeroFs.Engine.Memory;

namespace ZeroFs.Engine;

/// <summary>
/// The memory accountant (decision engine-0004): every large buffer of the writer is counted in one
/// of the parts of <see cref="EngineMemoryUsage"/>, and writes wait while the total is at or over
/// <see cref="EngineOptions.MemoryBudgetBytes"/>. The parts are read from their owners (memtables,
/// WAL writer, segment pool, read-ahead counter, caches), so nothing can be charged twice or
/// forgotten on release.
/// </summary>
public sealed partial class Db
{
    // The full sum is taken at most once per this many committed bytes (and on every retry while
    // waiting), keeping the per-batch cost of the check to one subtraction.
    private const long MemoryCheckBytes = 1024 * 1024;

    private long _committedBytes;
    private long _memoryCheckedAt = long.MinValue;
    private bool _overBudget;

    /// <summary>The pool of table upload segments (tests).</summary>
    internal SegmentPool TableSegments => _segments;

    /// <summary>The pool of memtable slabs (tests).</summary>
    internal SegmentPool MemtableSlabs => _slabs;

    /// <summary>What the memory accountant counts now, and the budget it is held against.</summary>
    public EngineMemoryUsage MemoryUsage
    {
        get
        {
            var state = Volatile.Read(ref _state);
            var blocks = _tables.Blocks?.Bytes ?? 0;
            return new EngineMemoryUsage(
                Math.Max(state.UnflushedBytes, _slabs.Bytes),
                _walWriter?.BufferedBytes ?? 0,
                _segments.Bytes,
                _compactionReads.Bytes,
                blocks,
                _tables.Bytes,
                _memoryBudget);
        }
    }

    // True when the write must wait for memory: the total is over the budget and something that
    // will release memory is under way (a frozen memtable being uploaded). With nothing under way
    // the memtable is frozen to make it so, once it is worth a table; a smaller one is let through
    // (the overshoot is bounded by that size: caches alone over the budget cannot be waited out).
    private bool MustWaitForMemory(DbState state)
    {
        var committed = Volatile.Read(ref _committedBytes);
        if (!_overBudget && committed - _memoryCheckedAt < MemoryCheckBytes)
        {
            return false;
        }

        _memoryCheckedAt = committed;
        _overBudget = MemoryUsage.IsOverBudget;
        if (!_overBudget)
        {
            return false;
        }

        if (state.Frozen.Length > 0)
        {
            return true;
        }

        if (state.Memtable.ApproximateBytes >= _options.L0TableBytes / 4)
        {
            EngineMetrics.MemoryFreezes.Add(1);
            Freeze();
            return true;
        }

        return false;
    }

    // A written WAL segment frees its buffers: durability waiters and writers waiting for memory go on.
    private void OnWalDurable(ulong seq)
    {
        _durability.Advance(seq);
        SignalProgress();
    }
}
