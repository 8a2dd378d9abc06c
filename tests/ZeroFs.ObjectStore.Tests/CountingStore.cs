namespace ZeroFs.ObjectStore.Tests;

/// <summary>Counts GETs of the wrapped store; between <see cref="Close"/> and <see cref="Open"/> it holds them.</summary>
internal sealed class CountingStore(IObjectStore inner) : IObjectStore
{
    private TaskCompletionSource _gate = Completed();
    private int _gets;

    public int Gets => Volatile.Read(ref _gets);

    public List<ByteRange?> Ranges { get; } = [];

    public string Description => "counting:" + inner.Description;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        lock (Ranges)
        {
            Ranges.Add(range);
        }

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

    private static TaskCompletionSource Completed()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
