using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZeroFs.ObjectStore.S3;

/// <summary>Part-by-part writes as S3 multipart uploads.</summary>
public sealed partial class S3ObjectStore
{
    // The multipart upload is created at the first part (an upload completed without parts is one
    // PutObject); the condition goes on CompleteMultipartUpload (If-None-Match: * / If-Match), the
    // metadata on CreateMultipartUpload. Dispose aborts an upload that did not complete.
    private sealed class S3Upload(S3ObjectStore store, string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata)
        : IObjectUpload
    {
        private readonly List<PartETag> _etags = [];
        private string? _uploadId;
        private PutResult? _result;
        private bool _disposed;

        public string Key => key;

        public async Task WritePartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_result is not null)
            {
                throw new InvalidOperationException("The upload is complete.");
            }

            var rewrite = ObjectUploadLimits.ValidatePart(partNumber, _etags.Count, part.Length);
            _uploadId ??= await CreateAsync(cancellationToken).ConfigureAwait(false);
            var etag = await UploadPartAsync(partNumber, part, cancellationToken).ConfigureAwait(false);
            if (rewrite)
            {
                _etags[^1] = etag;
            }
            else
            {
                _etags.Add(etag);
            }
        }

        public async Task<PutResult> CompleteAsync(ReadOnlyMemory<byte> lastPart, CancellationToken cancellationToken = default)
        {
            if (_result is { } done)
            {
                return done;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_uploadId is null)
            {
                return Finish(await store.PutAsync(key, lastPart, condition, metadata, cancellationToken).ConfigureAwait(false));
            }

            var parts = new List<PartETag>(_etags);
            if (!lastPart.IsEmpty)
            {
                parts.Add(await UploadPartAsync(_etags.Count + 1, lastPart, cancellationToken).ConfigureAwait(false));
            }

            var request = new CompleteMultipartUploadRequest
            {
                BucketName = store._bucket,
                Key = store._prefix + key,
                UploadId = _uploadId,
                PartETags = parts,
            };
            switch (condition.Kind)
            {
                case PutConditionKind.CreateOnly:
                    request.IfNoneMatch = "*";
                    break;
                case PutConditionKind.IfMatch:
                    request.IfMatch = "\"" + condition.ETag + "\"";
                    break;
            }

            try
            {
                var response = await store._client.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
                return Finish(PutResult.Ok(NormalizeETag(response.ETag)));
            }
            catch (AmazonS3Exception e) when (S3Errors.IsStatus(e, HttpStatusCode.PreconditionFailed)
                || (condition.Kind == PutConditionKind.IfMatch && S3Errors.IsStatus(e, HttpStatusCode.NotFound) && e.ErrorCode != "NoSuchUpload"))
            {
                return PutResult.PreconditionFailed;
            }
            catch (AmazonS3Exception e) when (string.Equals(e.ErrorCode, "NoSuchUpload", StringComparison.Ordinal))
            {
                // The upload is gone: completed by an earlier attempt whose answer was lost, or
                // aborted. Reported like a lost race; RetryingObjectStore tells the two apart by
                // the put id of a conditional upload.
                return PutResult.PreconditionFailed;
            }
            catch (AmazonS3Exception e) when (S3Errors.IsStatus(e, HttpStatusCode.Conflict))
            {
                return PutResult.Conflict;
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw S3Errors.Map(e, "PUT (complete multipart)", store._bucket, key);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_uploadId is null || _result is not null)
            {
                return;
            }

            try
            {
                await store._client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = store._bucket, Key = store._prefix + key, UploadId = _uploadId })
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException or OperationCanceledException)
            {
                // Best effort: a bucket lifecycle rule for incomplete multipart uploads removes leftovers.
            }
        }

        private PutResult Finish(PutResult result)
        {
            if (result.IsOk)
            {
                _result = result;
            }

            return result;
        }

        private async Task<string> CreateAsync(CancellationToken cancellationToken)
        {
            var request = new InitiateMultipartUploadRequest { BucketName = store._bucket, Key = store._prefix + key };
            if (metadata is not null)
            {
                foreach (var (name, value) in metadata)
                {
                    request.Metadata.Add(name, value);
                }
            }

            try
            {
                var response = await store._client.InitiateMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
                return response.UploadId;
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw S3Errors.Map(e, "PUT (create multipart)", store._bucket, key);
            }
        }

        private async Task<PartETag> UploadPartAsync(int partNumber, ReadOnlyMemory<byte> part, CancellationToken cancellationToken)
        {
            using var stream = AsStream(part);
            var request = new UploadPartRequest
            {
                BucketName = store._bucket,
                Key = store._prefix + key,
                UploadId = _uploadId,
                PartNumber = partNumber,
                InputStream = stream,
                PartSize = part.Length,
                UseChunkEncoding = false,
            };
            try
            {
                var response = await store._client.UploadPartAsync(request, cancellationToken).ConfigureAwait(false);
                return new PartETag(partNumber, response.ETag);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw S3Errors.Map(e, $"PUT (part {partNumber})", store._bucket, key);
            }
        }
    }
}
