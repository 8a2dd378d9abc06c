using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ZeroFs.ObjectStore.Tests;

public sealed class InstrumentedObjectStoreTests
{
    [Fact]
    public async Task Calls_RecordRequestsBytesErrorsAndDurations()
    {
        var storeName = "test-" + Guid.NewGuid().ToString("N");
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Op, string? Error)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InstrumentedObjectStore.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? op = null, store = null, error = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "op": op = (string?)tag.Value; break;
                    case "store": store = (string?)tag.Value; break;
                    case "error.type": error = (string?)tag.Value; break;
                }
            }

            if (store == storeName)
            {
                measurements.Add((instrument.Name, value, op, error));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => OnMeasurement(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => OnMeasurement(i, v, t));
        listener.Start();

        var faults = new FaultInjectingObjectStore(new MemoryObjectStore(), new FaultPlan { Rules = [new FaultRule(FaultKind.Transient, ObjectStoreOperation.Delete)] });
        var store = new InstrumentedObjectStore(faults, storeName);
        await store.PutAsync("k", new byte[100], PutCondition.Overwrite);
        using (await store.GetAsync("k"))
        {
        }

        await Assert.ThrowsAsync<ObjectStoreException>(() => store.DeleteAsync("k"));

        Assert.Contains(measurements, m => m is { Instrument: "zerofs.objectstore.bytes", Op: "put", Value: 100 });
        Assert.Contains(measurements, m => m is { Instrument: "zerofs.objectstore.bytes", Op: "get", Value: 100 });
        Assert.Equal(3, measurements.Count(m => m.Instrument == "zerofs.objectstore.requests"));
        Assert.Equal(3, measurements.Count(m => m.Instrument == "zerofs.objectstore.duration"));
        Assert.Contains(measurements, m => m is { Instrument: "zerofs.objectstore.errors", Op: "delete", Error: "transient" });
    }
}
