using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace ZeroFs.ObjectStore.S3;

/// <summary>The one place that turns AWS SDK failures into <see cref="ObjectStoreException"/>s.</summary>
internal static class S3Errors
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "RequestTimeoutException",
        "InternalError", "ServiceUnavailable", "RequestLimitExceeded", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "OperationAborted",
    };

    public static bool IsStatus(AmazonServiceException e, HttpStatusCode status) => e.StatusCode == status;

    public static bool IsNotFound(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.NotFound && !string.Equals(e.ErrorCode, "NoSuchBucket", StringComparison.Ordinal);

    public static ObjectStoreException Map(Exception e, string operation, string bucket, string key)
    {
        var transient = IsTransient(e);
        var detail = e switch
        {
            AmazonServiceException s when s.StatusCode != 0 => $"{(int)s.StatusCode} {s.ErrorCode}: {s.Message}",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        if (e is AmazonS3Exception { ErrorCode: "NoSuchBucket" })
        {
            detail = $"the bucket '{bucket}' does not exist ({detail})";
        }

        return new ObjectStoreException(
            $"S3 {operation} of '{key}' in bucket '{bucket}' failed{(transient ? " (transient)" : string.Empty)}: {detail}",
            transient,
            e);
    }

    private static bool IsTransient(Exception e)
    {
        if (e is AmazonServiceException service && service.StatusCode != 0)
        {
            var status = (int)service.StatusCode;
            if (status >= 500 || status == 429 || status == 408)
            {
                return true;
            }

            if (service.ErrorCode is { } code && TransientCodes.Contains(code))
            {
                return true;
            }

            return false;
        }

        // No HTTP status: the request never completed (refused, reset, timed out, DNS).
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or IOException or TimeoutException or TaskCanceledException
                or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return e is AmazonServiceException;
    }
}
