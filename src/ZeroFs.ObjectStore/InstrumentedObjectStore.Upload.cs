using System.Diagnostics;

namespace ZeroFs.ObjectStore;

/// <summary>Metrics of part-by-part writes, counted as the requests S3 makes for them.</summary>
public sealed partial class InstrumentedObjectStore
{
    // op tags: "put" for an upload completed without parts (one PutObject); otherwise
    // "upload_create" once, "upload_part" per part (the non-empty last one included) and
    // "upload_complete" once: the request shape of an S3 multipart upload.
    private sealed class InstrumentedUpload(InstrumentedObjectStore owner, IObjectUpload inner) : IObjectUpload
    {
        private bool _created;

        public string Key => inner.Key;

        public async Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                await inner.WritePartAsync(partNumber, part, cancellationToken).ConfigureAwait(false);
                RecordCreate(start);
                owner.Record("upload_part", start, part.Length);
            }
            catch (Exception e)
            {
                owner.RecordError("upload_part", start, e);
                throw;
            }
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            var operation = _created ? "upload_complete" : "put";
            var start = Stopwatch.GetTimestamp();
            try
            {
                var result = await inner.CompleteAsync(lastPart, cancellationToken).ConfigureAwait(false);
                if (_created && !lastPart.IsEmpty)
                {
                    owner.Record("upload_part", start, lastPart.Length);
                }

                owner.Record(operation, start, result.IsOk && !_created ? lastPart.Length : 0);
                return result;
            }
            catch (Exception e)
            {
                owner.RecordError(operation, start, e);
                throw;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private void RecordCreate(long start)
        {
            if (!_created)
            {
                _created = true;
                owner.Record("upload_create", start, 0);
            }
        }
    }
}
