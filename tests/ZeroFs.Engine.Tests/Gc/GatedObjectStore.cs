using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Gc;

/// <summary>Holds PUTs (and upload completions) of keys under a prefix while closed (a real store underneath; only the timing is controlled).</summary>
internal sealed class GatedObjectStore(IObjectStore inner, string prefix) : IObjectStore
{
    private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _open = Opened();

    public string Description => inner.Description;

    public Task Blocked => _blocked.Task;

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) => inner.GetAsync(key, range, cancellationToken);

    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public async Task<PutResult> PutAsync(
        string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        if (key.StartsWith(prefix, StringComparison.Ordinal) && !_open.Task.IsCompleted)
        {
            _blocked.TrySetResult();
            await _open.Task;
        }

        return await inner.PutAsync(key, body, condition, metadata, cancellationToken);
    }

    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        key.StartsWith(prefix, StringComparison.Ordinal) ? new GatedUpload(this, inner.StartUpload(key, condition, metadata)) : inner.StartUpload(key, condition, metadata);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task WaitOpenAsync()
    {
        if (!_open.Task.IsCompleted)
        {
            _blocked.TrySetResult();
            await _open.Task;
        }
    }

    private sealed class GatedUpload(GatedObjectStore owner, IObjectUpload inner) : IObjectUpload
    {
        public string Key => inner.Key;

        public Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default) =>
            inner.WritePartAsync(partNumber, part, cancellationToken);

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            await owner.WaitOpenAsync();
            return await inner.CompleteAsync(lastPart, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
