using ZeroFs.ObjectStore;
using ZeroFs.ObjectStore.S3;

namespace ZeroFs.Hosting.Storage;

/// <summary>
/// Builds the store stack for a URL: <see cref="InstrumentedObjectStore"/> over
/// <see cref="RetryingObjectStore"/> over the concrete store (local directory, memory or S3).
/// </summary>
public static class ObjectStoreFactory
{
    /// <summary>Creates the stack for <paramref name="url"/>.</summary>
    /// <param name="url">A plain path, <c>file:///abs/path</c>, <c>s3://bucket/prefix</c> or <c>memory://</c>.</param>
    /// <param name="aws">The <c>[aws]</c> settings (used for <c>s3://</c> only).</param>
    /// <param name="storeName">The store's name in metrics and logs (<c>main</c>, <c>wal</c>).</param>
    /// <param name="timeProvider">Clock for retry back-off.</param>
    /// <exception cref="FormatException">The URL is not one of the accepted forms.</exception>
    /// <exception cref="ArgumentException">An <c>[aws]</c> setting is not accepted.</exception>
    public static IObjectStore Create(
        string url, IReadOnlyDictionary<string, string> aws, string storeName, TimeProvider timeProvider)
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

        return new InstrumentedObjectStore(new RetryingObjectStore(concrete, new RetryOptions(), timeProvider), storeName);
    }
}
