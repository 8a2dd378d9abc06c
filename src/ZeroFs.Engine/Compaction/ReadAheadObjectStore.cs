using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Read-ahead for a compaction's sequential scans: a ranged GET of a table fetches a whole window
/// (default 4 MiB) and later ranges inside it are served from memory, so merging costs one GET per
/// window instead of one per block. One window per object; everything else passes through. Lives
/// only as long as one job.
/// </summary>
internal sealed class ReadAheadObjectStore(IObjectStore inner, int windowBytes) : IObjectStore
{
    private readonly Dictionary<string, (long Start, byte[] Data, int Length, ObjectMeta Meta)> _windows = [];
    private readonly Lock _lock = new();

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

        using (fetched)
        {
            lock (_lock)
            {
                _windows[key] = (r.Offset, fetched.Data.ToArray(), fetched.Length, fetched.Meta);
            }
        }

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

    /// <summary>Drops the windows; the inner store is not owned.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _windows.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private GetResult? TryServe(string key, ByteRange range)
    {
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var window) || range.Offset < window.Start
                || range.Offset + range.Length > window.Start + window.Length)
            {
                return null;
            }

            var length = (int)range.Length;
            var buffer = GetResult.Rent(length);
            window.Data.AsSpan((int)(range.Offset - window.Start), length).CopyTo(buffer);
            return new GetResult(buffer, length, window.Meta, range.Offset);
        }
    }
}
