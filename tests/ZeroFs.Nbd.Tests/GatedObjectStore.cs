using ZeroFs.ObjectStore;

namespace ZeroFs.Nbd.Tests;

/// <summary>Holds every PUT while closed, so a durability barrier is observably pending (no timing involved).</summary>
internal sealed class GatedObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _closed;

    public string Description => "gated " + inner.Description;

    public void Close()
    {
        lock (_lock)
        {
            _closed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Open()
    {
        TaskCompletionSource? closed;
        lock (_lock)
        {
            closed = _closed;
            _closed = null;
        }

        closed?.TrySetResult();
    }

    public async Task<PutResult> PutAsync(string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        Task? wait;
        lock (_lock)
        {
            wait = _closed?.Task;
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancellationToken);
        }

        return await inner.PutAsync(key, body, condition, metadata, cancellationToken);
    }

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(key, range, cancellationToken);


    // Multipart table uploads pass straight through; the gate holds single PUTs (WAL segments, manifests).
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
