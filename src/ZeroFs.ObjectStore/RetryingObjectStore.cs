using System.Runtime.CompilerServices;

namespace ZeroFs.ObjectStore;

/// <summary>
/// Retries transient failures (<see cref="ObjectStoreException.IsTransient"/>) and
/// <see cref="PutStatus.Conflict"/> with exponential backoff and full jitter, within
/// <see cref="RetryOptions"/>. Semantic outcomes (missing keys, failed preconditions, permanent
/// errors) pass straight through. Conditional puts carry a random <see cref="MetadataKeys.PutId"/>
/// so that a precondition failure after an ambiguous attempt (the write may have landed before
/// the error) is recognised as our own success (ENGINE.md §2).
/// </summary>
public sealed partial class RetryingObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly RetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Lock _randomLock = new();

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="random"/> (seedable) drives jitter and put ids.</summary>
    public RetryingObjectStore(IObjectStore inner, RetryOptions options, TimeProvider timeProvider, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _inner = inner;
        _options = options;
        _timeProvider = timeProvider;
        _random = random ?? new Random();
    }

    /// <inheritdoc/>
    public string Description => _inner.Description;

    /// <inheritdoc/>
    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        RunAsync(ct => _inner.GetAsync(key, range, ct), cancellationToken);

    /// <inheritdoc/>
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync(ct => _inner.HeadAsync(key, ct), cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync<bool>(
            async ct =>
            {
                await _inner.DeleteAsync(key, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        var putId = TagPut(condition, ref metadata);
        var tagged = metadata;
        return await CompleteWithRetryAsync(key, putId, ct => _inner.PutAsync(key, body, condition, tagged, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var putId = TagPut(condition, ref metadata);
        return new RetryingUpload(this, _inner.StartUpload(key, condition, metadata), putId);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A failure part-way resumes after the last key handed out, so no key repeats or goes missing.
        var after = startAfter;
        var start = _timeProvider.GetTimestamp();
        var attempt = 1;
        while (true)
        {
            var enumerator = _inner.ListAsync(prefix, after, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    ObjectMeta current;
                    try
                    {
                        if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }

                        current = enumerator.Current;
                    }
                    catch (ObjectStoreException e) when (e.IsTransient && TryGetDelay(attempt, start, out var delay))
                    {
                        await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                        attempt++;
                        break;
                    }

                    after = current.Key;
                    yield return current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var start = _timeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException e) when (e.IsTransient && TryGetDelay(attempt, start, out var delay))
            {
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Conditional writes carry a random put id, so an ambiguous attempt can be recognised later.
    private string? TagPut(PutCondition condition, ref IReadOnlyDictionary<string, string>? metadata)
    {
        if (condition.Kind == PutConditionKind.Overwrite)
        {
            return null;
        }

        var putId = NewPutId();
        var tagged = metadata is null
            ? new Dictionary<string, string>(1, StringComparer.Ordinal)
            : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        tagged[MetadataKeys.PutId] = putId;
        metadata = tagged;
        return putId;
    }

    // The write that publishes an object (a PUT, or an upload's completion): transient failures
    // make later outcomes ambiguous; a precondition failure after one is checked against the put id.
    private async Task<PutResult> CompleteWithRetryAsync(string key, string? putId, Func<CancellationToken, Task<PutResult>> attempt, CancellationToken cancellationToken)
    {
        var start = _timeProvider.GetTimestamp();
        var ambiguous = false;
        for (var n = 1; ; n++)
        {
            PutResult result;
            try
            {
                result = await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectStoreException e) when (e.IsTransient && TryGetDelay(n, start, out var delay))
            {
                // The write may or may not have happened.
                ambiguous = true;
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            switch (result.Status)
            {
                case PutStatus.PreconditionFailed when ambiguous && putId is not null:
                    return await ResolveAmbiguousAsync(key, putId, result, cancellationToken).ConfigureAwait(false);
                case PutStatus.Conflict when TryGetDelay(n, start, out var delay):
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                default:
                    return result;
            }
        }
    }

    private async Task<PutResult> ResolveAmbiguousAsync(string key, string putId, PutResult failed, CancellationToken cancellationToken)
    {
        var meta = await RunAsync(ct => _inner.HeadAsync(key, ct), cancellationToken).ConfigureAwait(false);
        return meta?.Metadata is not null
            && meta.Metadata.TryGetValue(MetadataKeys.PutId, out var found)
            && string.Equals(found, putId, StringComparison.Ordinal)
            ? PutResult.Ok(meta.ETag)
            : failed;
    }

    /// <summary>
    /// The jittered wait before attempt <paramref name="attempt"/> + 1, or false when the attempt
    /// or time budget is spent.
    /// </summary>
    private bool TryGetDelay(int attempt, long start, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (attempt >= _options.MaxAttempts)
        {
            return false;
        }

        var ceiling = Math.Min(_options.MaxDelay.Ticks, _options.BaseDelay.Ticks * Math.Pow(2, attempt - 1));
        lock (_randomLock)
        {
            delay = TimeSpan.FromTicks((long)(_random.NextDouble() * ceiling));
        }

        return _timeProvider.GetElapsedTime(start) + delay <= _options.MaxElapsed;
    }

    private string NewPutId()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_randomLock)
        {
            _random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }
}
