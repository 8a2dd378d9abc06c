namespace ZeroFs.Engine;

/// <summary>
/// The durable seq and the callers waiting for it (ENGINE.md §9 <c>WaitDurableAsync</c>). The
/// durable seq only grows; it advances when a WAL segment is written or an L0 table is published.
/// Once failed, every current and future waiter fails with the same exception (no hangs, bug #6).
/// </summary>
internal sealed class DurabilityTracker
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<TaskCompletionSource, ulong> _waiters = new();
    private ulong _durable;
    private Exception? _failure;

    /// <summary>Creates a tracker starting at <paramref name="durable"/>.</summary>
    internal DurabilityTracker(ulong durable) => _durable = durable;

    /// <summary>The largest seq known durable.</summary>
    internal ulong Durable
    {
        get
        {
            lock (_lock)
            {
                return _durable;
            }
        }
    }

    /// <summary>Raises the durable seq and completes the waiters it covers.</summary>
    internal void Advance(ulong seq)
    {
        List<TaskCompletionSource>? done = null;
        lock (_lock)
        {
            if (seq <= _durable)
            {
                return;
            }

            _durable = seq;
            while (_waiters.TryPeek(out var waiter, out var target) && target <= seq)
            {
                _waiters.Dequeue();
                (done ??= []).Add(waiter);
            }
        }

        if (done is not null)
        {
            foreach (var waiter in done)
            {
                waiter.TrySetResult();
            }
        }
    }

    /// <summary>
    /// A task that completes when <paramref name="seq"/> is durable (already completed when it is),
    /// or faults with the tracker's failure.
    /// </summary>
    internal Task WaitAsync(ulong seq)
    {
        lock (_lock)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (seq <= _durable)
            {
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter, seq);
            return waiter.Task;
        }
    }

    /// <summary>Fails every waiter, now and later, with <paramref name="failure"/> (first failure wins).</summary>
    internal void Fail(Exception failure)
    {
        List<TaskCompletionSource> waiters = [];
        lock (_lock)
        {
            _failure ??= failure;
            while (_waiters.TryDequeue(out var waiter, out _))
            {
                waiters.Add(waiter);
            }

            failure = _failure;
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetException(failure);
        }
    }
}
