using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// Single-flight for block loads of one table (ENGINE.md §10): concurrent misses of the same block
/// share one GET and one unseal. Every caller — the first included — gets its own reference of
/// the loaded block: the references are added before the result is published, so a block can
/// never be freed between a waiter's wake-up and its use.
/// </summary>
internal sealed class BlockFlights
{
    private readonly Dictionary<long, Flight> _flights = [];
    private readonly Lock _lock = new();

    /// <summary>Loads blocks in flight now (tests).</summary>
    internal int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _flights.Count;
            }
        }
    }

    /// <summary>
    /// Joins the load of the block at <paramref name="offset"/>, starting it with
    /// <paramref name="load"/> when none is running. The load itself is not cancelled by
    /// <paramref name="cancellationToken"/> (others may wait for it); the caller stops waiting.
    /// </summary>
    /// <returns>The block, with one reference owned by the caller.</returns>
    internal Task<DecodedBlock> LoadAsync<TState>(
        long offset, TState state, Func<TState, Task<DecodedBlock>> load, CancellationToken cancellationToken)
    {
        Flight? flight;
        var leader = false;
        lock (_lock)
        {
            if (_flights.TryGetValue(offset, out flight))
            {
                flight.Waiters++;
            }
            else
            {
                flight = new Flight();
                _flights[offset] = flight;
                leader = true;
            }
        }

        if (leader)
        {
            _ = RunAsync(offset, flight, state, load);
        }

        var task = flight.Completion.Task;
        return cancellationToken.CanBeCanceled && !task.IsCompleted ? WaitAsync(task, cancellationToken) : task;
    }

    private async Task RunAsync<TState>(long offset, Flight flight, TState state, Func<TState, Task<DecodedBlock>> load)
    {
        DecodedBlock block;
        try
        {
            block = await load(state).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            lock (_lock)
            {
                _flights.Remove(offset);
            }

            flight.Completion.TrySetException(ex);
            return;
        }

        int waiters;
        lock (_lock)
        {
            _flights.Remove(offset);
            waiters = flight.Waiters;
        }

        // The load's reference goes to the first waiter; every other waiter gets one more.
        for (var i = 1; i < waiters; i++)
        {
            block.TryAddReference();
        }

        flight.Completion.TrySetResult(block);
    }

    private static async Task<DecodedBlock> WaitAsync(Task<DecodedBlock> task, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // This waiter's reference is still owed to it: release it once the load lands.
            _ = task.ContinueWith(
                static t => t.Result.Release(),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }
    }

    private sealed class Flight
    {
        internal readonly TaskCompletionSource<DecodedBlock> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        internal int Waiters = 1;
    }
}
