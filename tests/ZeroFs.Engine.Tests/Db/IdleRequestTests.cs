using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using ZeroFs.Crypto;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.ObjectStore;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>
/// What an idle writer with its embedded compactor costs in store requests (decision engine-0005),
/// on a simulated clock: every poll and GC pass runs on its real schedule, an hour in seconds.
/// </summary>
public sealed class IdleRequestTests : IDisposable
{
    private readonly DbHarness _h = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _storeName = "idle-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public IdleRequestTests()
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
            string? op = null, store = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "op")
                {
                    op = (string?)tag.Value;
                }
                else if (tag.Key == "store")
                {
                    store = (string?)tag.Value;
                }
            }

            if (store == _storeName && op is not null)
            {
                _requests.AddOrUpdate(op, value, (_, old) => old + value);
            }
        });
        _listener.Start();
    }

    // Production intervals (manifest poll 1 s, compactor poll 5 s, GC every 10 min), embedded compactor.
    private static EngineOptions Defaults => new()
    {
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 42,
        L0TableBytes = 64 * 1024,
        MaxUnflushedBytes = 1024 * 1024,
    };

    public void Dispose()
    {
        _listener.Dispose();
        _h.Dispose();
    }

    private long Total => _requests.Values.Sum();

    private string Breakdown => string.Join(' ', _requests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    // Moves the simulated clock in one-second steps, letting the engine's timers and loops run.
    private async Task AdvanceAsync(TimeSpan span)
    {
        for (var t = TimeSpan.Zero; t < span; t += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }
    }

    private async Task<Engine.Db> OpenIdleWriterAsync(MemoryObjectStore memory)
    {
        var store = new InstrumentedObjectStore(memory, _storeName);
        var db = await Engine.Db.OpenWriterAsync(store, null, _h.Key, Defaults, _time);
        await db.WaitDurableAsync(await db.PutAsync(K(1), V(1)));

        // The periodic publish (30 s), the first GC pass and the back-off settle first.
        await AdvanceAsync(TimeSpan.FromMinutes(15));
        return db;
    }

    [Fact]
    public async Task IdleWriter_WithEmbeddedCompactor_FewRequestsPerHour()
    {
        var memory = new MemoryObjectStore(_time);
        await using var db = await OpenIdleWriterAsync(memory);
        _requests.Clear();
        await AdvanceAsync(TimeSpan.FromHours(1));

        // Steady state: the writer's and the compactor's manifest reads (a probe GET and a floor
        // GET each) once a minute, plus GC passes every hour at most: ~250. The writer polled
        // every second before (7,200 GETs an hour), the compactor every 5 s.
        var total = Total;
        Assert.True(total <= 300, $"{total} requests in a simulated idle hour: {Breakdown}");
        Assert.True(_requests.GetValueOrDefault("get") >= 60, $"the idle writer must still read the manifest (fencing, standalone commits): {Breakdown}");
        Assert.Equal(V(1), await db.GetValueAsync(K(1)));
    }

    [Fact]
    public async Task IdleWriter_NewerWriter_DetectedWithinTheMaxPollInterval()
    {
        var memory = new MemoryObjectStore(_time);
        var a = await OpenIdleWriterAsync(memory);
        await using (var b = await Engine.Db.OpenWriterAsync(memory, null, _h.Key, Defaults with { CompactorMode = CompactorMode.External }, _time))
        {
            await AdvanceAsync(Defaults.EffectiveManifestPollMaxInterval + TimeSpan.FromSeconds(2));

            // A learned it from its poll: it made no write that could have hit B's fence.
            var ex = await Assert.ThrowsAsync<FencedException>(async () => await a.PutAsync(K(2), V(2)));
            Assert.Contains($"epoch {b.Epoch}", ex.Message, StringComparison.Ordinal);
        }

        await a.DisposeAsync();
    }

    [Fact]
    public async Task IdleCompactor_BackedOff_StartsAtOnceWhenItsWriterPublishes()
    {
        var memory = new MemoryObjectStore(_time);
        await using var db = await OpenIdleWriterAsync(memory);
        var before = (await TreeCheck.LatestAsync(memory, _h.Key)).Manifest;
        Assert.Empty(before.Runs);

        // Enough L0 tables for a job (4), published without moving the clock: only the writer's
        // wake-up can start the compactor, whose poll is backed off to a minute by now.
        for (var table = 0; table < 5; table++)
        {
            for (var i = 0; i < 40; i++)
            {
                await db.PutAsync(K((table * 1000) + i), new byte[2048]);
            }

            await db.FlushAsync();
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await TreeCheck.LatestAsync(memory, _h.Key)).Manifest.Runs.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "the backed-off compactor did not start on its writer's wake-up");
            await Task.Delay(10);
        }
    }
}
