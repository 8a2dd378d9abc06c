using ZeroFs.ObjectStore;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>
/// A memory store whose writes can be held at a gate, so a durability wait (Tfsync) stays in flight
/// until the test opens it: the one way to keep a request deterministically pending on a real engine.
/// </summary>
internal sealed class GatedObjectStore(IObjectStore inner) : IObjectStore
{
    private readonly Lock _sync = new();
    private TaskCompletionSource? _gate;

    public string Description => inner.Description;

    /// <summary>Holds every later put until <see cref="Open"/>.</summary>
    public void Close()
    {
        lock (_sync)
        {
            _gate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Open()
    {
        TaskCompletionSource? gate;
        lock (_sync)
        {
            gate = _gate;
            _gate = null;
        }

        gate?.TrySetResult();
    }

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(key, range, cancellationToken);


    // Multipart table uploads pass straight through; the gate holds single PUTs (WAL segments, manifests).
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);
    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public async Task<PutResult> PutAsync(
        string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        Task? wait;
        lock (_sync)
        {
            wait = _gate?.Task;
        }

        if (wait is not null)
        {
            await wait;
        }

        return await inner.PutAsync(key, body, condition, metadata, cancellationToken);
    }

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
