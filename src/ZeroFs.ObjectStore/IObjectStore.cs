namespace ZeroFs.ObjectStore;

/// <summary>
/// The one contract every storage backend meets (ENGINE.md §2). Keys are relative to the store's
/// root (a directory, a bucket prefix); they use <c>/</c> as separator and never start with it.
/// Missing objects are <see langword="null"/> results, not exceptions. Every other failure is an
/// <see cref="ObjectStoreException"/> whose <see cref="ObjectStoreException.IsTransient"/> says
/// whether a retry can help.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    /// <summary>A human-readable name of the store for logs and errors (never contains secrets).</summary>
    string Description { get; }

    /// <summary>
    /// Reads a whole object, or the part of it that <paramref name="range"/> selects. A range that
    /// starts at or past the end gives an empty body; one that runs past the end is cut at the end.
    /// </summary>
    /// <returns>The bytes (pooled: dispose the result), or <see langword="null"/> when the key does not exist.</returns>
    Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an object's size, etag, time and metadata; <see langword="null"/> when it does not exist.</summary>
    Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a whole object atomically: readers see the old bytes or the new, never a mix. A
    /// conditional write that loses returns <see cref="PutStatus.PreconditionFailed"/>, never throws.
    /// </summary>
    Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts writing an object part by part (see <see cref="IObjectUpload"/>); no request is made
    /// until the first part or the completion. The condition (Overwrite or CreateOnly) and metadata
    /// apply as for <see cref="PutAsync"/>, checked when the upload completes. Dispose the upload.
    /// </summary>
    IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null);

    /// <summary>
    /// Lists the objects whose keys start with <paramref name="prefix"/>, in ascending ordinal key
    /// order, strictly after <paramref name="startAfter"/> when it is given. Pages are fetched as
    /// the caller enumerates. Metadata is not filled in (use <see cref="HeadAsync"/>).
    /// </summary>
    IAsyncEnumerable<ObjectMeta> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing key succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
