namespace ZeroFs.Nbd.Server;

/// <summary>
/// Counts one connection's requests in flight, their payload bytes and how many of them mutate the
/// export. Only the connection's read loop waits on it (for room before admitting a request, for the
/// mutations to drain before a FLUSH, for everything to finish at the end), so one waiter suffices;
/// the fast paths take a lock and allocate nothing.
/// </summary>
internal sealed class InFlightTracker(int maxRequests, long maxBytes)
{
    private readonly Lock _lock = new();
    private int _requests;
    private long _bytes;
    private int _mutations;
    private TaskCompletionSource? _waiter;

    private enum Condition
    {
        Room,
        NoMutations,
        Idle,
    }

    /// <summary>Requests in flight.</summary>
    public int Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests;
            }
        }
    }

    /// <summary>Waits until a request carrying <paramref name="bytes"/> may start (one always may when nothing is in flight).</summary>
    public ValueTask WaitForRoomAsync(long bytes, CancellationToken cancellationToken) => WaitAsync(Condition.Room, bytes, cancellationToken);

    /// <summary>Waits until no mutating request (WRITE, TRIM, WRITE_ZEROES) is in flight.</summary>
    public ValueTask WaitForNoMutationsAsync(CancellationToken cancellationToken) => WaitAsync(Condition.NoMutations, 0, cancellationToken);

    /// <summary>Waits until no request is in flight.</summary>
    public ValueTask WaitForIdleAsync(CancellationToken cancellationToken) => WaitAsync(Condition.Idle, 0, cancellationToken);

    /// <summary>Counts a request that starts now.</summary>
    public void Start(long bytes, bool mutation)
    {
        lock (_lock)
        {
            _requests++;
            _bytes += bytes;
            _mutations += mutation ? 1 : 0;
        }
    }

    /// <summary>Counts a request that has finished (its reply sent or abandoned) and wakes the waiter.</summary>
    public void Finish(long bytes, bool mutation)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _requests--;
            _bytes -= bytes;
            _mutations -= mutation ? 1 : 0;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    private ValueTask WaitAsync(Condition condition, long bytes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (IsMet(condition, bytes))
            {
                return ValueTask.CompletedTask;
            }
        }

        return WaitSlowAsync(condition, bytes, cancellationToken);
    }

    private async ValueTask WaitSlowAsync(Condition condition, long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (IsMet(condition, bytes))
                {
                    return;
                }

                _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsMet(Condition condition, long bytes) => condition switch
    {
        Condition.Room => _requests == 0 || (_requests < maxRequests && _bytes + bytes <= maxBytes),
        Condition.NoMutations => _mutations == 0,
        _ => _requests == 0,
    };
}
