using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ZeroFs.ObjectStore;
using ZeroFs.ObjectStore.S3;

namespace ZeroFs.Hosting.Storage;

/// <summary>
/// Builds the store stack for a URL, outermost first: the disk cache of sealed table parts (remote
/// stores only, when configured), <see cref="RetryingObjectStore"/>, then
/// <see cref="InstrumentedObjectStore"/> right above the concrete store (local directory, memory or
/// S3), so request metrics count what really reaches the backend, every retry included.
/// </summary>
public static class ObjectStoreFactory
{
    /// <summary>Creates the stack for <paramref name="url"/>.</summary>
    /// <param name="url">A plain path, <c>file:///abs/path</c>, <c>s3://bucket/prefix</c> or <c>memory://</c>.</param>
    /// <param name="aws">The <c>[aws]</c> settings (used for <c>s3://</c> only).</param>
    /// <param name="storeName">The store's name in metrics and logs (<c>main</c>, <c>wal</c>).</param>
    /// <param name="timeProvider">Clock for retry back-off.</param>
    /// <param name="diskCache">
    /// Where and how much to cache on local disk; applied to remote (S3) stores only, since caching
    /// a local directory on the same disk would only duplicate it.
    /// </param>
    /// <param name="loggerFactory">Logs of the disk cache.</param>
    /// <exception cref="FormatException">The URL is not one of the accepted forms.</exception>
    /// <exception cref="ArgumentException">An <c>[aws]</c> setting is not accepted.</exception>
    public static IObjectStore Create(
        string url,
        IReadOnlyDictionary<string, string> aws,
        string storeName,
        TimeProvider timeProvider,
        DiskCacheOptions? diskCache = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var parsed = ObjectStoreUrl.Parse(url);
        IObjectStore concrete = parsed.Kind switch
        {
            ObjectStoreKind.Local => new LocalDirectoryObjectStore(parsed.Path!),
            ObjectStoreKind.Memory => new MemoryObjectStore(timeProvider, storeName),
            ObjectStoreKind.S3 => new S3ObjectStore(S3ObjectStoreOptions.FromSettings(parsed.Bucket!, parsed.Prefix ?? string.Empty, aws)),
            _ => throw new FormatException($"unsupported store kind {parsed.Kind} in \"{url}\""),
        };

        IObjectStore stack = new RetryingObjectStore(new InstrumentedObjectStore(concrete, storeName), new RetryOptions(), timeProvider);
        if (diskCache is not null && parsed.Kind == ObjectStoreKind.S3 && diskCache.BudgetBytes > 0)
        {
            stack = new RangeDiskCacheObjectStore(stack, StoreId(concrete.Description), diskCache, timeProvider, loggerFactory);
        }

        return stack;
    }

    /// <summary>
    /// The cache directory name of a store: readable prefix plus a hash of its full location, so two
    /// buckets (or prefixes) never share cached parts.
    /// </summary>
    public static string StoreId(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..16];
        return "store-" + hash;
    }
}
