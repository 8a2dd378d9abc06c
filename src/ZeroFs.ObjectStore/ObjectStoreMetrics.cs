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
}
