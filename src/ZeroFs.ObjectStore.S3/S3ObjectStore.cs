using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZeroFs.ObjectStore.S3;

/// <summary>
/// An S3-compatible bucket (AWS, MinIO, R2, moto) as an <see cref="IObjectStore"/>. Conditional
/// puts use <c>If-None-Match: *</c> and <c>If-Match</c>; the SDK's own retries are off because
/// <see cref="RetryingObjectStore"/> owns retrying. Keys are stored under the options' prefix.
/// </summary>
public sealed partial class S3ObjectStore : IObjectStore
{
    private const string MetadataHeaderPrefix = "x-amz-meta-";
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <summary>Creates the store and its S3 client.</summary>
    public S3ObjectStore(S3ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bucket = options.Bucket;
        _prefix = options.NormalizedPrefix;
        _client = CreateClient(options);
        Description = $"s3://{_bucket}/{_prefix}";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public async Task<GetResult?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new GetObjectRequest { BucketName = _bucket, Key = _prefix + key };
        if (range is { } r)
        {
            // HTTP cannot say "zero bytes" (bytes=-0 and empty bytes=a-b do not exist): HEAD instead.
            if (r.Length == 0)
            {
                return await EmptyRangeAsync(key, r, cancellationToken).ConfigureAwait(false);
            }

            request.ByteRange = r.IsSuffix
                ? new Amazon.S3.Model.ByteRange("bytes=-" + r.Length.ToString(CultureInfo.InvariantCulture))
                : new Amazon.S3.Model.ByteRange(r.Offset, SaturatingEnd(r));
        }

        GetObjectResponse response;
        try
        {
            response = await _client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            return null;
        }
        catch (AmazonS3Exception e) when (range is not null && S3Errors.IsStatus(e, HttpStatusCode.RequestedRangeNotSatisfiable))
        {
            return await EmptyRangeAsync(key, range.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw S3Errors.Map(e, "GET", _bucket, key);
        }

        using (response)
        {
            try
            {
                return await ReadBodyAsync(key, range, response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw S3Errors.Map(e, "GET", _bucket, key);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<ObjectMeta?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = _bucket, Key = _prefix + key },
                cancellationToken).ConfigureAwait(false);
            return new ObjectMeta(
                key,
                response.ContentLength,
                NormalizeETag(response.ETag),
                ToOffset(response.LastModified),
                ReadMetadata(response.Metadata));
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            // A HEAD has no error body, so a missing bucket also lands here (reported as missing key).
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw S3Errors.Map(e, "HEAD", _bucket, key);
        }
    }

    /// <inheritdoc/>
    public async Task<PutResult> PutAsync(
        string key,
        ReadOnlyMemory<byte> body,
        PutCondition condition,
        IReadOnlyDictionary<string, string>? metadata = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        using var stream = AsStream(body);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            InputStream = stream,
            AutoCloseStream = false,
            UseChunkEncoding = false,
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

        if (metadata is not null)
        {
            foreach (var (name, value) in metadata)
            {
                request.Metadata.Add(name, value);
            }
        }

        try
        {
            var response = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return PutResult.Ok(NormalizeETag(response.ETag));
        }
        catch (AmazonS3Exception e) when (S3Errors.IsStatus(e, HttpStatusCode.PreconditionFailed))
        {
            return PutResult.PreconditionFailed;
        }
        catch (AmazonS3Exception e) when (condition.Kind == PutConditionKind.IfMatch && S3Errors.IsNotFound(e))
        {
            // Some S3 implementations answer If-Match on a missing key with 404 instead of 412.
            return PutResult.PreconditionFailed;
        }
        catch (AmazonS3Exception e) when (S3Errors.IsStatus(e, HttpStatusCode.Conflict))
        {
            return PutResult.Conflict;
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw S3Errors.Map(e, "PUT", _bucket, key);
        }
    }

    /// <inheritdoc/>
    public IObjectUpload StartUpload(string key, PutCondition condition, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ObjectUploadLimits.ValidateCondition(condition);
        return new S3Upload(this, key, condition, metadata);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ObjectMeta> ListAsync(
        string prefix,
        string? startAfter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request
        {
            BucketName = _bucket,
            Prefix = _prefix + prefix,
            StartAfter = startAfter is null ? null : _prefix + startAfter,
        };
        while (true)
        {
            ListObjectsV2Response response;
            try
            {
                response = await _client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStoreFailure(e, cancellationToken))
            {
                throw S3Errors.Map(e, "LIST", _bucket, prefix);
            }

            if (response.S3Objects is { } objects)
            {
                foreach (var item in objects)
                {
                    yield return new ObjectMeta(
                        item.Key[_prefix.Length..],
                        item.Size ?? 0,
                        NormalizeETag(item.ETag),
                        ToOffset(item.LastModified));
                }
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = _prefix + key }, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsNotFound(e))
        {
            // Already gone.
        }
        catch (Exception e) when (IsStoreFailure(e, cancellationToken))
        {
            throw S3Errors.Map(e, "DELETE", _bucket, key);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static AmazonS3Client CreateClient(S3ObjectStoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.EffectiveForcePathStyle,
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.Endpoint is not null)
        {
            config.ServiceURL = options.Endpoint.ToString();
            config.AuthenticationRegion = options.Region;
            config.UseHttp = options.Endpoint.Scheme == Uri.UriSchemeHttp;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (options.Timeout is { } timeout)
        {
            config.Timeout = timeout;
        }

        if (options.AccessKeyId is null)
        {
            // The SDK's default chain: environment variables, profile, container/instance roles.
            return new AmazonS3Client(config);
        }

        AWSCredentials credentials = options.SessionToken is null
            ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
            : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);
        return new AmazonS3Client(credentials, config);
    }

    private async Task<GetResult> ReadBodyAsync(string key, ByteRange? range, GetObjectResponse response, CancellationToken cancellationToken)
    {
        var length = response.ContentLength;
        var (rangeStart, total) = ParseContentRange(response.ContentRange, length);
        var meta = new ObjectMeta(key, total, NormalizeETag(response.ETag), ToOffset(response.LastModified), ReadMetadata(response.Metadata));

        // A server may ignore the range and send the whole object (e.g. for an empty one): cut it here.
        var (start, count) = range is { } r && response.ContentRange is null ? r.Resolve(total) : (rangeStart, length);
        if (count > Array.MaxLength)
        {
            throw new ObjectStoreException($"Object '{key}' in {Description} is too large for one read; use a range.", isTransient: false);
        }

        var skip = start - rangeStart;
        var buffer = GetResult.Rent((int)count);
        try
        {
            var stream = response.ResponseStream;
            while (skip > 0)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, skip)), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                skip -= n;
            }

            await stream.ReadExactlyAsync(buffer.AsMemory(0, (int)count), cancellationToken).ConfigureAwait(false);
            return new GetResult(buffer, (int)count, meta, start);
        }
        catch
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async Task<GetResult?> EmptyRangeAsync(string key, ByteRange range, CancellationToken cancellationToken)
    {
        var meta = await HeadAsync(key, cancellationToken).ConfigureAwait(false);
        if (meta is null)
        {
            return null;
        }

        return new GetResult(GetResult.Rent(0), 0, meta, range.Resolve(meta.Size).Start);
    }

    // "bytes 10-19/100" → (10, 100); no header → the whole object was sent.
    private static (long Start, long Total) ParseContentRange(string? contentRange, long length)
    {
        if (string.IsNullOrEmpty(contentRange))
        {
            return (0, length);
        }

        var span = contentRange.AsSpan().Trim();
        if (span.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            span = span[6..];
        }

        var dash = span.IndexOf('-');
        var slash = span.IndexOf('/');
        if (dash > 0 && slash > dash
            && long.TryParse(span[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(span[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            return (start, total);
        }

        throw new ObjectStoreException($"Unexpected Content-Range '{contentRange}' from S3.", isTransient: true);
    }

    private static long SaturatingEnd(ByteRange range) =>
        range.Length > long.MaxValue - range.Offset ? long.MaxValue : range.Offset + range.Length - 1;

    private static MemoryStream AsStream(ReadOnlyMemory<byte> body) =>
        MemoryMarshal.TryGetArray(body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    private static IReadOnlyDictionary<string, string> ReadMetadata(MetadataCollection metadata)
    {
        if (metadata is null || metadata.Count == 0)
        {
            return EmptyMetadata;
        }

        var result = new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
        foreach (var name in metadata.Keys)
        {
            var bare = name.StartsWith(MetadataHeaderPrefix, StringComparison.OrdinalIgnoreCase) ? name[MetadataHeaderPrefix.Length..] : name;
            result[bare] = metadata[name];
        }

        return result;
    }

    private static string NormalizeETag(string? etag) => etag is null ? string.Empty : etag.Trim('"');

    private static DateTimeOffset ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch;

    private static bool IsStoreFailure(Exception e, CancellationToken cancellationToken) =>
        e is not ObjectStoreException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
