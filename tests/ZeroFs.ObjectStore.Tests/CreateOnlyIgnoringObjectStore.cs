namespace ZeroFs.ObjectStore.Tests;

/// <summary>
/// A deliberately broken store (test only): create-only and if-match puts become plain
/// overwrites, like an S3 clone without conditional writes. No real part fails this way on demand.
/// </summary>
internal sealed class CreateOnlyIgnoringObjectStore(IObjectStore inner) : IObjectStore
{
    public string Description => "broken+" + inner.Description;

    public Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        inner.GetAsync(key, range, cancellationToken);

    public Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default) => inner.HeadAsync(key, cancellationToken);

    public Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default) =>
        inner.PutAsync(key, body, PutCondition.Overwrite, metadata, cancellationToken);

    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null) =>
        inner.StartUpload(key, PutCondition.Overwrite, metadata);

    public IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, startAfter, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
