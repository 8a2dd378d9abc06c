namespace ZeroFs.ObjectStore;

/// <summary>
/// One object written as a sequence of parts (an S3 multipart upload; a temp file grown part by
/// part on local disk), so that a large object never sits in memory whole. Parts are numbered 1,
/// 2, … and written one call at a time, in order; every part passed to
/// <see cref="WritePartAsync"/> holds at least <see cref="ObjectUploadLimits.MinPartBytes"/>, and
/// the last one, passed to <see cref="CompleteAsync"/>, may be any size (even empty). Nothing is
/// visible until <see cref="CompleteAsync"/> publishes the whole object atomically, checking the
/// upload's condition (Overwrite or CreateOnly; see <see cref="ObjectUploadLimits.ValidateCondition"/>)
/// at that moment. Disposing an upload that did not complete
/// abandons it: no object appears and the staged parts are deleted (best effort).
/// </summary>
/// <remarks>
/// The caller may reuse a part's memory as soon as the call that took it has completed. Writing
/// the latest part number again replaces that part, so a retry after an ambiguous failure (the
/// part may or may not have been stored) is safe. Once <see cref="CompleteAsync"/> has returned
/// <see cref="PutStatus.Ok"/>, calling it again returns the same result.
/// </remarks>
public interface IObjectUpload : IAsyncDisposable
{
    /// <summary>The key the object will have.</summary>
    string Key { get; }

    /// <summary>
    /// Stores part <paramref name="partNumber"/>: the next number (one more than the highest
    /// written so far, starting at 1), or the highest again to replace it.
    /// </summary>
    /// <exception cref="ArgumentException">The part is smaller than <see cref="ObjectUploadLimits.MinPartBytes"/>, or the number is out of order.</exception>
    Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="lastPart"/> after the written parts and publishes the object. With no
    /// part written before, this is exactly <see cref="IObjectStore.PutAsync"/> of
    /// <paramref name="lastPart"/>. A condition that does not hold gives
    /// <see cref="PutStatus.PreconditionFailed"/> (nothing published), never an exception.
    /// </summary>
    Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default);
}
