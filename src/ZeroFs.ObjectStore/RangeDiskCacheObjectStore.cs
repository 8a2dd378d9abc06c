using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZeroFs.ObjectStore;

/// <summary>
/// A local-disk cache of immutable objects' bytes in aligned parts (ENGINE.md §10 disk cache),
/// decorating the real store. Only keys under <see cref="DiskCacheOptions.CachedPrefixes"/> are
/// cached (SST tables by default); every other call passes straight through, so manifests, WAL
/// segments and floors are never served from disk. Parts hold the bytes exactly as the store
/// returned them (still sealed: the cache never sees plaintext) behind a CRC-32C; a damaged part
/// is deleted and refetched. Any local IO failure degrades to reading the inner store.
/// </summary>
/// <remarks>
/// A range read is served from disk when all its parts are present; the missing ones are fetched
/// with one ranged GET per run of contiguous missing parts, and concurrent readers of a part
/// share one fetch. Objects under cached prefixes must never change under their key; a PUT or
/// DELETE through this decorator drops the key's parts.
/// </remarks>
public sealed partial class RangeDiskCacheObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly DiskCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiskPartStore _parts;
    private readonly long _partSize;
    private readonly ConcurrentDictionary<string, ObjectMeta> _metas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _flights = new(StringComparer.Ordinal);
    private readonly Lock _flightLock = new();

    /// <summary>
    /// Wraps <paramref name="inner"/>, caching under <c>RootPath/<paramref name="storeId"/></c>;
    /// scans that directory to resume the cache a previous process left.
    /// </summary>
    /// <param name="inner">The real store.</param>
    /// <param name="storeId">Names the store's cache directory (one path segment, stable across restarts, e.g. a hash of the bucket URL).</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="time">The clock stamping parts admitted on PUT.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    public RangeDiskCacheObjectStore(IObjectStore inner, string storeId, DiskCacheOptions options, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeId);
        if (storeId is "." or ".." || storeId.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException("The store id must be a single path segment.", nameof(storeId));
        }

        options.Validate();
        _inner = inner;
        _options = options;
        _time = time;
        _partSize = options.PartSize;
        _logger = (ILogger?)loggerFactory?.CreateLogger<RangeDiskCacheObjectStore>() ?? NullLogger.Instance;
        _parts = new DiskPartStore(Path.Combine(options.RootPath, storeId), options.PartSize, options.BudgetBytes, _logger);
    }

    /// <inheritdoc/>
    public string Description => "disk-cached:" + _inner.Description;

    /// <summary>Bytes of part files held now.</summary>
    public long CachedBytes => _parts.Bytes;

    /// <summary>The file that holds part <paramref name="index"/> of <paramref name="key"/> (tools and tests).</summary>
    public string PartPath(string key, long index) => _parts.PathOf(key, index);

    /// <inheritdoc/>
    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        IsCached(key) ? GetCachedAsync(key, range, cancellationToken) : _inner.GetAsync(key, range, cancellationToken);

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => _inner.HeadAsync(key, cancellationToken);

    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        if (!IsCached(key))
        {
            return await _inner.PutAsync(key, body, condition, metadata, cancellationToken).ConfigureAwait(false);
        }

        Drop(key);
        var result = await _inner.PutAsync(key, body, condition, metadata, cancellationToken).ConfigureAwait(false);
        if (result.IsOk && _options.AdmitOnPut)
        {
            var meta = AdmittedMeta(key, body.Length, result, metadata);
            for (long p = 0; p * _partSize < body.Length; p++)
            {
                var start = (int)(p * _partSize);
                _parts.Write(_parts.PathOf(key, p), meta, body.Span.Slice(start, (int)Math.Min(_partSize, body.Length - start)));
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!IsCached(key))
        {
            return _inner.StartUpload(key, condition, metadata);
        }

        var upload = _inner.StartUpload(key, condition, metadata);
        Drop(key);
        return new CachingUpload(this, upload, metadata);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(prefix, startAfter, cancellationToken);

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        if (IsCached(key))
        {
            Drop(key);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private bool IsCached(string key)
    {
        if (key.Length == 0 || key.StartsWith('/') || key.Contains('\\') || key.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var prefix in _options.EffectivePrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The store's own timestamp is not returned by a PUT; ours stands in for it.
    private ObjectMeta AdmittedMeta(string key, long size, PutResult result, IReadOnlyDictionary<string, string>? metadata)
    {
        var meta = new ObjectMeta(key, size, result.ETag!, _time.GetUtcNow(), metadata is null ? null : new Dictionary<string, string>(metadata));
        _metas[key] = meta;
        return meta;
    }

    private void Drop(string key)
    {
        _metas.TryRemove(key, out _);
        _parts.DeleteObject(key);
    }

    private async Task<GetResult?> GetCachedAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        _metas.TryGetValue(key, out var meta);
        long first, last;
        if (meta is not null)
        {
            var (start, count) = (range ?? ByteRange.FromOffset(0, meta.Size)).Resolve(meta.Size);
            if (count == 0)
            {
                return new GetResult(GetResult.Rent(0), 0, meta, start);
            }

            if (count > int.MaxValue)
            {
                return await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
            }

            (first, last) = (start / _partSize, (start + count - 1) / _partSize);
        }
        else if (range is { IsSuffix: false, Length: > 0 } r && r.Length <= int.MaxValue)
        {
            // Size unknown (first read since start): the parts the range would need if the object is long enough.
            (first, last) = (r.Offset / _partSize, (r.Offset + r.Length - 1) / _partSize);
        }
        else
        {
            return await PassThroughAsync(key, range, cancellationToken).ConfigureAwait(false);
        }

        var parts = new PartSlice[last - first + 1];
        try
        {
            List<long>? missing = null;
            for (var p = first; p <= last; p++)
            {
                if (_parts.TryRead(_parts.PathOf(key, p), key, out var file, out var fileMeta, out var offset, out var length))
                {
                    parts[p - first] = new PartSlice(file, offset, length);
                    meta ??= fileMeta;
                    ObjectStoreMetrics.DiskCacheHits.Add(1);
                }
                else
                {
                    (missing ??= []).Add(p);
                }
            }

            if (missing is not null)
            {
                var fetched = await FillAsync(key, missing, parts, first, cancellationToken).ConfigureAwait(false);
                if (fetched is null)
                {
                    Drop(key);
                    return null;
                }

                meta = fetched;
            }

            return Assemble(meta!, range, parts, first);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Return();
            }
        }
    }

    private async Task<GetResult?> PassThroughAsync(string key, ByteRange? range, CancellationToken cancellationToken)
    {
        var result = await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (result is not null)
        {
            _metas[key] = result.Meta;
        }

        return result;
    }

    private GetResult Assemble(ObjectMeta meta, ByteRange? range, PartSlice[] parts, long first)
    {
        _metas[meta.Key] = meta;
        var (start, count) = (range ?? ByteRange.FromOffset(0, meta.Size)).Resolve(meta.Size);
        var buffer = GetResult.Rent((int)count);
        for (var i = 0; i < parts.Length; i++)
        {
            var partStart = (first + i) * _partSize;
            var from = Math.Max(start, partStart);
            var to = Math.Min(start + count, partStart + parts[i].Length);
            if (to > from)
            {
                parts[i].Span.Slice((int)(from - partStart), (int)(to - from)).CopyTo(buffer.AsSpan((int)(from - start)));
            }
        }

        return new GetResult(buffer, (int)count, meta, start);
    }

    // One part's bytes in a pooled buffer (from a part file, or copied out of an inner GET).
    private readonly record struct PartSlice(byte[]? Buffer, int Offset, int Length)
    {
        internal ReadOnlySpan<byte> Span => Buffer is null ? [] : Buffer.AsSpan(Offset, Length);

        internal void Return()
        {
            if (Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }
        }
    }
}
