using ZeroFs.Engine.Memory;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Read-ahead for a compaction's sequential scans: a ranged GET of a table fetches a whole window
/// (default 4 MiB) and later ranges inside it are served from memory, so merging costs one GET per
/// window instead of one per block. One window per object, and at most <c>maxWindows</c> objects
/// (the job's concurrently read sources): the least recently used window goes first, so a job that
/// walks a long run holds a bounded amount, charged to <c>counter</c>. Windows are pooled buffers,
/// returned on replacement and on dispose. Everything else passes through. Lives as long as one job.
/// </summary>
internal sealed class ReadAheadObjectStore(IObjectStore inner, int windowBytes, int maxWindows, ByteCounter counter) : IObjectStore
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _clock;
    private bool _disposed;

    /// <inheritdoc/>
    public string Description => inner.Description;

    /// <inheritdoc/>
    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        if (range is not { IsSuffix: false } r || r.Length > windowBytes)
        {
            return await inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
        }

        if (TryServe(key, r) is { } hit)
        {
            return hit;
        }

        var fetched = await inner.GetAsync(key, ByteRange.FromOffset(r.Offset, windowBytes), cancellationToken).ConfigureAwait(false);
        if (fetched is null)
        {
            return null;
        }

        Install(key, r.Offset, fetched);
        return TryServe(key, r) ?? await inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    /// <inheritdoc/>
    public Task<PutResult> PutAsync(
        string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default) =>
        inner.PutAsync(key, body, condition, metadata, cancellationToken);

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);

    /// <inheritdoc/>
    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    /// <summary>Returns the windows; the inner store is not owned.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var window in _windows.Values)
            {
                Release(window);
            }

            _windows.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private void Install(string key, long start, GetResult fetched)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                fetched.Dispose();
                return;
            }

            if (_windows.Remove(key, out var replaced))
            {
                Release(replaced);
            }

            while (_windows.Count >= Math.Max(maxWindows, 1))
            {
                var oldest = _windows.MinBy(p => p.Value.LastUse);
                _windows.Remove(oldest.Key);
                Release(oldest.Value);
            }

            _windows[key] = new Window(start, fetched) { LastUse = ++_clock };
            counter.Add(fetched.Length);
        }
    }

    private void Release(Window window)
    {
        counter.Add(-window.Data.Length);
        window.Data.Dispose();
    }

    private GetResult? TryServe(string key, ByteRange range)
    {
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var window) || range.Offset < window.Start
                || range.Offset + range.Length > window.Start + window.Data.Length)
            {
                return null;
            }

            window.LastUse = ++_clock;
            var length = (int)range.Length;
            var buffer = GetResult.Rent(length);
            window.Data.Data.Span.Slice((int)(range.Offset - window.Start), length).CopyTo(buffer);
            return new GetResult(buffer, length, window.Data.Meta, range.Offset);
        }
    }

    private sealed class Window(long start, GetResult data)
    {
        internal long Start { get; } = start;

        internal GetResult Data { get; } = data;

        internal long LastUse { get; set; }
    }
}
