using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Cache;

/// <summary>Counts GETs; between <see cref="Close"/> and <see cref="Open"/> it holds them (for single-flight tests).</summary>
internal sealed class GatedObjectStore(IObjectStore inner) : IObjectStore
{
    private TaskCompletionSource _gate = Opened();
    private int _gets;

    public int Gets => Volatile.Read(ref _gets);

    public string Description => "gated:" + inner.Description;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }

    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.GetAsync(key, range, cancellationToken);
    }

    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public Task<PutResult> PutAsync(
        string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) => inner.PutAsync(key, body, condition, metadata, cancellationToken);

    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
