using System.Diagnostics.Metrics;

namespace ZeroFs.ObjectStore;

/// <summary>The assembly's one <see cref="Meter"/> and its instruments (STYLE.md §4.9).</summary>
internal static class ObjectStoreMetrics
{
    public const string MeterName = "ZeroFs.ObjectStore";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "zerofs.objectstore.requests", "{request}", "Object-store calls, by op and store.");

    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>(
        "zerofs.objectstore.bytes", "By", "Bytes read (get) and written (put), by op and store.");

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "zerofs.objectstore.errors", "{error}", "Failed object-store calls, by op, store and kind.");

    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "zerofs.objectstore.duration", "ms", "Duration of object-store calls, by op and store.");

    public static readonly Counter<long> DiskCacheHits = Meter.CreateCounter<long>(
        "zerofs.objectstore.disk_cache.hits", "{part}", "Parts served from the disk cache.");

    public static readonly Counter<long> DiskCacheMisses = Meter.CreateCounter<long>(
        "zerofs.objectstore.disk_cache.misses", "{part}", "Parts fetched from the inner store.");

    public static readonly Counter<long> DiskCacheEvictions = Meter.CreateCounter<long>(
        "zerofs.objectstore.disk_cache.evictions", "{part}", "Parts evicted to stay within the disk budget.");

    public static readonly Counter<long> DiskCacheCorrupt = Meter.CreateCounter<long>(
        "zerofs.objectstore.disk_cache.corrupt", "{part}", "Parts that failed their checksum (evicted and refetched).");

    public static readonly UpDownCounter<long> DiskCacheBytes = Meter.CreateUpDownCounter<long>(
        "zerofs.objectstore.disk_cache.bytes", "By", "Bytes of part files in the disk cache.");
}
