namespace ZeroFs.ObjectStore;

/// <summary>Faults in part-by-part writes.</summary>
public sealed partial class FaultInjectingObjectStore
{
    // Each part is a step of kind UploadPart; the completion is a step of kind Put (the moment the
    // object appears), so Put rules and crash points cover uploads as they cover PUTs. A conflict
    // planned for a part fails it as transient.
    private sealed class FaultyUpload(FaultInjectingObjectStore owner, IObjectUpload inner) : IObjectUpload
    {
        public string Key => inner.Key;

        public async Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            var fault = await owner.BeginAsync(ObjectStoreOperation.UploadPart, inner.Key, cancellationToken).ConfigureAwait(false);
            await inner.WritePartAsync(partNumber, part, cancellationToken).ConfigureAwait(false);
            ThrowAfterEffect(fault, ObjectStoreOperation.UploadPart, inner.Key);
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            var fault = await owner.BeginAsync(ObjectStoreOperation.Put, inner.Key, cancellationToken).ConfigureAwait(false);
            if (fault == Fault.Conflict)
            {
                return PutResult.Conflict;
            }

            var result = await inner.CompleteAsync(lastPart, cancellationToken).ConfigureAwait(false);
            ThrowAfterEffect(fault, ObjectStoreOperation.Put, inner.Key);
            return result;
        }

        // Abandoning is cleanup, not a step: it never fails and is not counted.
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
