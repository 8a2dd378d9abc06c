namespace ZeroFs.ObjectStore;

/// <summary>Retries of part-by-part writes.</summary>
public sealed partial class RetryingObjectStore
{
    // A part is retried under its own number (a rewrite replaces whatever an ambiguous attempt
    // stored); the completion is retried like a PUT, with the same put-id resolution.
    private sealed class RetryingUpload(RetryingObjectStore owner, IObjectUpload inner, string? putId) : IObjectUpload
    {
        public string Key => inner.Key;

        public Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default) =>
            owner.RunAsync<bool>(
                async ct =>
                {
                    await inner.WritePartAsync(partNumber, part, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken);

        public Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default) =>
            owner.CompleteWithRetryAsync(inner.Key, putId, ct => inner.CompleteAsync(lastPart, ct), cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
