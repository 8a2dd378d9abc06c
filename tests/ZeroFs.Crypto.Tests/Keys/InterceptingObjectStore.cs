using ZeroFs.ObjectStore;

namespace ZeroFs.Crypto.Tests.Keys;

/// <summary>
/// Delegates to a real store, running a hook before each put: the only way to land a concurrent
/// write exactly between a read and a conditional put without timing.
/// </summary>
internal sealed class InterceptingObjectStore(IObjectStore inner) : IObjectStore
{
    public Func<IObjectStore, Task>? BeforePut { get; set; }

    public int PutCount { get; private set; }

    public string Description => inner.Description;

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(key, range, cancellationToken);

    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) =>
        inner.HeadAsync(key, cancellationToken);

    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        PutCount++;
        var hook = BeforePut;
        BeforePut = null;
        if (hook is not null)
        {
            await hook(inner);
        }

        return await inner.PutAsync(key, body, condition, metadata, cancellationToken);
    }

    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
