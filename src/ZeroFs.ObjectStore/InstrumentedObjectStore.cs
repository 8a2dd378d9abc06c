using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ZeroFs.ObjectStore;

/// <summary>
/// Records every call of the wrapped store on the <c>ZeroFs.ObjectStore</c> meter: request and
/// byte counters, error counts and a duration histogram (ms), tagged with <c>op</c> and
/// <c>store</c>. Costs a timestamp and a few counter adds per call.
/// </summary>
public sealed partial class InstrumentedObjectStore : IObjectStore
{
    /// <summary>The name of the meter the instruments live on.</summary>
    public const string MeterName = ObjectStoreMetrics.MeterName;

    private readonly IObjectStore _inner;
    private readonly string _storeName;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="storeName"/> becomes the <c>store</c> tag (e.g. "main", "wal").</summary>
    public InstrumentedObjectStore(IObjectStore inner, string storeName)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        _inner = inner;
        _storeName = storeName;
    }

    /// <inheritdoc/>
    public string Description => _inner.Description;

    /// <inheritdoc/>
    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.GetAsync(key, range, cancellationToken).ConfigureAwait(false);
            Record("get", start, result?.Length ?? 0);
            return result;
        }
        catch (Exception e)
        {
            RecordError("get", start, e);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.HeadAsync(key, cancellationToken).ConfigureAwait(false);
            Record("head", start, 0);
            return result;
        }
        catch (Exception e)
        {
            RecordError("head", start, e);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            var result = await _inner.PutAsync(key, body, condition, metadata, cancellationToken).ConfigureAwait(false);
            Record("put", start, result.IsOk ? body.Length : 0);
            return result;
        }
        catch (Exception e)
        {
            RecordError("put", start, e);
            throw;
        }
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        new InstrumentedUpload(this, _inner.StartUpload(key, condition, metadata));

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var enumerator = _inner.ListAsync(prefix, startAfter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception e)
                {
                    RecordError("list", start, e);
                    throw;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }

        Record("list", start, 0);
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await _inner.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            Record("delete", start, 0);
        }
        catch (Exception e)
        {
            RecordError("delete", start, e);
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private void Record(string operation, long start, long bytes)
    {
        var tags = new TagList { { "op", operation }, { "store", _storeName } };
        ObjectStoreMetrics.Requests.Add(1, tags);
        if (bytes > 0)
        {
            ObjectStoreMetrics.Bytes.Add(bytes, tags);
        }

        ObjectStoreMetrics.Duration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, tags);
    }

    private void RecordError(string operation, long start, Exception exception)
    {
        var kind = exception switch
        {
            OperationCanceledException => "canceled",
            ObjectStoreException { IsTransient: true } => "transient",
            ObjectStoreException => "permanent",
            _ => "other",
        };
        var tags = new TagList { { "op", operation }, { "store", _storeName } };
        ObjectStoreMetrics.Requests.Add(1, tags);
        ObjectStoreMetrics.Duration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, tags);
        tags.Add("error.type", kind);
        ObjectStoreMetrics.Errors.Add(1, tags);
    }
}
