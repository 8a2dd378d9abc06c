using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests;

/// <summary>A thin pass-through that counts calls, to pin how many requests a read path makes.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private int _gets;
    private int _walPuts;

    /// <summary>PUTs of non-empty WAL segments.</summary>
    public int WalPuts => Volatile.Read(ref _walPuts);

    public int Gets => Volatile.Read(ref _gets);

    public List<ByteRange?> Ranges { get; } = [];

    public string Description => "counting:" + inner.Description;

    public void Reset()
    {
        Interlocked.Exchange(ref _gets, 0);
        lock (Ranges)
        {
            Ranges.Clear();
        }
    }

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        lock (Ranges)
        {
            Ranges.Add(range);
        }

        return inner.GetAsync(key, range, cancellationToken);
    }

    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public Task<PutResult> PutAsync(
        string key, ReadOnlyMemory<byte> body, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        if (key.StartsWith("wal/", StringComparison.Ordinal) && body.Length > 0)
        {
            Interlocked.Increment(ref _walPuts);
        }

        return inner.PutAsync(key, body, condition, metadata, cancellationToken);
    }

    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, condition, metadata);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
