using System.Runtime.CompilerServices;

namespace ZeroFs.ObjectStore;

/// <summary>
/// An in-process store for tests and simulation. Thread-safe; every conditional put is checked
/// and applied under one lock, so conditions hold atomically. The etag is the content hash.
/// </summary>
public sealed class MemoryObjectStore : IObjectStore
{
    private const int ListPageSize = 1000;

    private readonly SortedList<string, Entry> _objects = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store whose last-modified times come from <paramref name="timeProvider"/>.</summary>
    public MemoryObjectStore(TimeProvider? timeProvider = null, string name = "")
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        Description = name.Length == 0 ? "memory://" : "memory://" + name;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <summary>Number of objects held (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _objects.Count;
            }
        }
    }

    /// <inheritdoc/>
    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        Entry? entry;
        lock (_lock)
        {
            _objects.TryGetValue(key, out entry);
        }

        if (entry is null)
        {
            return Task.FromResult<GetResult?>(null);
        }

        // Entries are immutable once stored, so the copy can happen outside the lock.
        var (start, count) = (range ?? ByteRange.FromOffset(0, long.MaxValue)).Resolve(entry.Data.Length);
        var buffer = GetResult.Rent((int)count);
        entry.Data.AsSpan((int)start, (int)count).CopyTo(buffer);
        return Task.FromResult<GetResult?>(new GetResult(buffer, (int)count, entry.ToMeta(key, includeMetadata: true), start));
    }

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_objects.TryGetValue(key, out var entry) ? entry.ToMeta(key, includeMetadata: true) : null);
        }
    }

    /// <inheritdoc/>
    public Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var data = body.ToArray();
        var etag = ContentETag.Compute(data);
        var copy = metadata is null || metadata.Count == 0
            ? null
            : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        var entry = new Entry(data, etag, _timeProvider.GetUtcNow(), copy);
        lock (_lock)
        {
            var exists = _objects.TryGetValue(key, out var current);
            var allowed = condition.Kind switch
            {
                PutConditionKind.CreateOnly => !exists,
                PutConditionKind.IfMatch => exists && string.Equals(current!.ETag, condition.ETag, StringComparison.Ordinal),
                _ => true,
            };
            if (!allowed)
            {
                return Task.FromResult(PutResult.PreconditionFailed);
            }

            _objects[key] = entry;
        }

        return Task.FromResult(PutResult.Ok(etag));
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectUploadLimits.ValidateCondition(condition);
        return new MemoryUpload(this, key, condition, metadata);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var after = startAfter;
        var page = new List<ObjectMeta>(ListPageSize);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            page.Clear();
            lock (_lock)
            {
                var keys = _objects.Keys;
                var index = FirstIndexAfter(keys, after, prefix);
                for (; index < keys.Count && page.Count < ListPageSize; index++)
                {
                    var key = keys[index];
                    if (!key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        break;
                    }

                    page.Add(_objects.Values[index].ToMeta(key, includeMetadata: false));
                }
            }

            foreach (var meta in page)
            {
                yield return meta;
            }

            if (page.Count < ListPageSize)
            {
                yield break;
            }

            after = page[^1].Key;
            await Task.Yield();
        }
    }

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _objects.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Binary search for the first key that is > startAfter and >= prefix.
    private static int FirstIndexAfter(IList<string> keys, string? startAfter, string prefix)
    {
        var lo = 0;
        var hi = keys.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var key = keys[mid];
            var before = string.CompareOrdinal(key, prefix) < 0
                || (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0);
            if (before)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record Entry(byte[] Data, string ETag, DateTimeOffset LastModified, IReadOnlyDictionary<string, string>? Metadata)
    {
        public ObjectMeta ToMeta(string key, bool includeMetadata) =>
            new(key, Data.Length, ETag, LastModified, includeMetadata ? Metadata ?? EmptyMetadata : null);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    // Parts are copied as they come and joined into one PUT at completion.
    private sealed class MemoryUpload(MemoryObjectStore store, string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata)
        : IObjectUpload
    {
        private readonly List<byte[]> _parts = [];
        private PutResult? _result;
        private bool _disposed;

        public string Key => key;

        public Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_result is not null)
            {
                throw new InvalidOperationException("The upload is complete.");
            }

            var rewrite = ObjectUploadLimits.ValidatePart(partNumber, _parts.Count, part.Length);
            cancellationToken.ThrowIfCancellationRequested();
            if (rewrite)
            {
                _parts[^1] = part.ToArray();
            }
            else
            {
                _parts.Add(part.ToArray());
            }

            return Task.CompletedTask;
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            if (_result is { } done)
            {
                return done;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            var body = new byte[_parts.Sum(p => (long)p.Length) + lastPart.Length];
            var at = 0;
            foreach (var part in _parts)
            {
                part.CopyTo(body, at);
                at += part.Length;
            }

            lastPart.Span.CopyTo(body.AsSpan(at));
            var result = await store.PutAsync(key, body, condition, metadata, cancellationToken).ConfigureAwait(false);
            if (result.IsOk)
            {
                _result = result;
            }

            return result;
        }

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            _parts.Clear();
            return ValueTask.CompletedTask;
        }
    }
}
