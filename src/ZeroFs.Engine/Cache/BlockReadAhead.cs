using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Cache;

/// <summary>
/// Scan read-ahead for one table (ENGINE.md §10): while a forward scan consumes a window of
/// blocks, the next window is already being read, each window's contiguous uncached blocks in ONE
/// ranged GET. At most <see cref="MaxWindows"/> windows exist (the one being consumed and one
/// ahead). Windows start at 64 KiB and double up to the configured read-ahead, so a seek followed
/// by a few steps does not pull a whole megabyte. Single consumer (an iterator); not thread-safe.
/// </summary>
internal sealed class BlockReadAhead : IDisposable
{
    /// <summary>Windows in flight at most (the one being consumed included).</summary>
    internal const int MaxWindows = 2;

    private const int InitialWindowBytes = 64 * 1024;
    private readonly SstReader _reader;
    private readonly int _maxWindowBytes;
    private readonly Queue<Window> _windows = new();
    private readonly CancellationTokenSource _stop = new();
    private int _nextToSchedule = -1;
    private int _windowBytes;
    private bool _disposed;

    /// <summary>Reads ahead up to <paramref name="readAheadBytes"/> per window from <paramref name="reader"/>.</summary>
    internal BlockReadAhead(SstReader reader, int readAheadBytes)
    {
        _reader = reader;
        _maxWindowBytes = Math.Max(1, readAheadBytes);
        _windowBytes = Math.Min(InitialWindowBytes, _maxWindowBytes);
    }

    /// <summary>Returns data block <paramref name="index"/> (one reference owned by the caller), reading ahead of it.</summary>
    internal async ValueTask<DecodedBlock> NextAsync(int index, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_windows.TryPeek(out var stale) && stale.End <= index)
        {
            _windows.Dequeue().Abandon();
        }

        if (!_windows.TryPeek(out var head) || head.First > index)
        {
            // A jump (or the first call): restart the pipeline here.
            AbandonAll();
            _nextToSchedule = index;
        }

        Schedule();
        head = _windows.Peek();
        var block = await head.TakeAsync(index, cancellationToken).ConfigureAwait(false);
        if (index == head.End - 1)
        {
            _windows.Dequeue();
            Schedule();
        }

        return block;
    }

    /// <summary>Stops reading ahead; blocks read but never consumed are released when their reads land.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AbandonAll();
        _stop.Cancel();
        _stop.Dispose();
    }

    private void Schedule()
    {
        var count = _reader.Index.Count;
        while (_windows.Count < MaxWindows && _nextToSchedule < count)
        {
            var first = _nextToSchedule;
            var end = first + 1;
            long bytes = _reader.Index.Handle(first).Length;
            while (end < count && bytes + _reader.Index.Handle(end).Length <= _windowBytes)
            {
                bytes += _reader.Index.Handle(end).Length;
                end++;
            }

            _windows.Enqueue(new Window(first, end, _reader.ReadBlocksAsync(first, end - first, _stop.Token)));
            _nextToSchedule = end;
            _windowBytes = (int)Math.Min((long)_windowBytes * 2, _maxWindowBytes);
        }
    }

    private void AbandonAll()
    {
        while (_windows.TryDequeue(out var window))
        {
            window.Abandon();
        }

        _windowBytes = Math.Min(InitialWindowBytes, _maxWindowBytes);
    }

    private sealed class Window(int first, int end, Task<DecodedBlock[]> read)
    {
        internal int First { get; } = first;

        internal int End { get; } = end;

        internal async ValueTask<DecodedBlock> TakeAsync(int index, CancellationToken cancellationToken)
        {
            var blocks = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
            var block = blocks[index - First];
            blocks[index - First] = null!;
            return block ?? throw new InvalidOperationException($"block {index} was already taken from its read-ahead window");
        }

        // Releases whatever the consumer never took, once the read lands (a failed read holds nothing).
        internal void Abandon() =>
            _ = read.ContinueWith(
                static t =>
                {
                    if (!t.IsCompletedSuccessfully)
                    {
                        _ = t.Exception; // observed: nobody needs these blocks any more
                        return;
                    }

                    foreach (var block in t.Result)
                    {
                        block?.Release();
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }
}
