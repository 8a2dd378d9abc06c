using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ZeroFs.ObjectStore;

namespace ZeroFs.Workloads;

/// <summary>Counts object-store requests by operation through the stores' own metrics (InstrumentedObjectStore).</summary>
internal sealed class RequestCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public RequestCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == InstrumentedObjectStore.MeterName && instrument.Name == "zerofs.objectstore.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var op = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "op")
                {
                    op = tag.Value?.ToString() ?? "?";
                }
            }

            _counts.AddOrUpdate(op, value, (_, old) => old + value);
        });
        _listener.Start();
    }

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    public void Dispose() => _listener.Dispose();
}
