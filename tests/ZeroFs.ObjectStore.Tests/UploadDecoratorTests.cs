using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

/// <summary>Part-by-part writes through each decorator: retries, fault steps, metrics and disk-cache admission.</summary>
public sealed class UploadDecoratorTests
{
    private static readonly RetryOptions Options = new() { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };

    private readonly FakeTimeProvider _time = new();
    private readonly MemoryObjectStore _memory = new();

    private static byte[] Part(int seed, int extra = 0)
    {
        var bytes = new byte[ObjectUploadLimits.MinPartBytes + extra];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private (RetryingObjectStore Retrying, FaultInjectingObjectStore Faults) Create(params FaultRule[] rules)
    {
        var faults = new FaultInjectingObjectStore(_memory, new FaultPlan { Rules = rules });
        return (new RetryingObjectStore(faults, Options, _time, new Random(7)), faults);
    }

    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        return await task;
    }

    private Task DriveAsync(Task task) => DriveAsync(task.ContinueWith(t => t.IsFaulted ? throw t.Exception!.InnerException! : true, TaskScheduler.Default));

    [Fact]
    public async Task Retrying_PartThatLandedThenFailed_RewrittenNotDuplicated()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.TransientAfterEffect, ObjectStoreOperation.UploadPart, OnCall: 2));
        var p1 = Part(1);
        var p2 = Part(2, 11);
        await using (var upload = store.StartUpload("obj", PutCondition.CreateOnly))
        {
            await DriveAsync(upload.WritePartAsync(1, p1));
            await DriveAsync(upload.WritePartAsync(2, p2));
            Assert.True((await DriveAsync(upload.CompleteAsync(new byte[] { 42 }))).IsOk);
        }

        using var got = await _memory.GetAsync("obj");
        Assert.True(p1.Concat(p2).Append((byte)42).ToArray().AsSpan().SequenceEqual(got!.Data.Span));
        Assert.Equal(
            [ObjectStoreOperation.UploadPart, ObjectStoreOperation.UploadPart, ObjectStoreOperation.UploadPart, ObjectStoreOperation.Put],
            faults.Steps.Select(s => s.Operation).ToArray());
    }

    [Fact]
    public async Task Retrying_TransientPartFailures_Retried()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Transient, ObjectStoreOperation.UploadPart, Times: 2));
        await using var upload = store.StartUpload("obj", PutCondition.Overwrite);
        await DriveAsync(upload.WritePartAsync(1, Part(3)));
        Assert.True((await DriveAsync(upload.CompleteAsync(ReadOnlyMemory<byte>.Empty))).IsOk);
        Assert.Equal(4, faults.Steps.Count);
        Assert.Equal(ObjectUploadLimits.MinPartBytes, (await _memory.HeadAsync("obj"))!.Size);
    }

    [Fact]
    public async Task Retrying_AmbiguousCompletionThatLanded_ReportedOkViaPutId()
    {
        var (store, _) = Create(new FaultRule(FaultKind.TransientAfterEffect, ObjectStoreOperation.Put));
        await using var upload = store.StartUpload("obj", PutCondition.CreateOnly, new Dictionary<string, string> { ["a"] = "b" });
        await DriveAsync(upload.WritePartAsync(1, Part(4)));
        var result = await DriveAsync(upload.CompleteAsync(new byte[] { 1, 2, 3 }));
        Assert.True(result.IsOk);
        var head = await _memory.HeadAsync("obj");
        Assert.Equal(head!.ETag, result.ETag);
        Assert.True(head.Metadata!.ContainsKey(MetadataKeys.PutId));
        Assert.Equal("b", head.Metadata["a"]);
    }

    [Fact]
    public async Task Retrying_PermanentPartFailure_NotRetriedAndNothingPublished()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Permanent, ObjectStoreOperation.UploadPart));
        await using (var upload = store.StartUpload("obj", PutCondition.CreateOnly))
        {
            await Assert.ThrowsAsync<ObjectStoreException>(() => DriveAsync(upload.WritePartAsync(1, Part(5))));
        }

        Assert.Single(faults.Steps);
        Assert.Null(await _memory.HeadAsync("obj"));
    }

    [Fact]
    public async Task FaultInjecting_CrashAtCompletion_LeavesNoObject()
    {
        var faults = new FaultInjectingObjectStore(_memory, new FaultPlan { CrashAtStep = 3 });
        await using (var upload = faults.StartUpload("obj", PutCondition.CreateOnly))
        {
            await upload.WritePartAsync(1, Part(6));
            await upload.WritePartAsync(2, Part(7));
            await Assert.ThrowsAsync<SimulatedCrashException>(() => upload.CompleteAsync(new byte[] { 1 }));
        }

        Assert.Null(await _memory.HeadAsync("obj"));
        Assert.Equal(["1: UploadPart obj", "2: UploadPart obj", "3: Put obj"], faults.Steps.Select(s => s.ToString()).ToArray());
    }

    [Fact]
    public async Task Instrumented_CountsTheRequestsOfAMultipartUpload()
    {
        var storeName = "upload-" + Guid.NewGuid().ToString("N");
        var requests = new ConcurrentBag<string>();
        var bytes = new ConcurrentBag<(string Op, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InstrumentedObjectStore.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
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

            if (store != storeName || op is null)
            {
                return;
            }

            if (instrument.Name == "zerofs.objectstore.requests")
            {
                requests.Add(op);
            }
            else if (instrument.Name == "zerofs.objectstore.bytes")
            {
                bytes.Add((op, value));
            }
        });
        listener.Start();

        var store = new InstrumentedObjectStore(_memory, storeName);
        await using (var upload = store.StartUpload("multi", PutCondition.Overwrite))
        {
            await upload.WritePartAsync(1, Part(8));
            await upload.WritePartAsync(2, Part(9));
            await upload.CompleteAsync(new byte[10]);
        }

        await using (var upload = store.StartUpload("single", PutCondition.Overwrite))
        {
            await upload.CompleteAsync(new byte[10]);
        }

        Assert.Equal(["put", "upload_complete", "upload_create", "upload_part", "upload_part", "upload_part"], requests.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal((2L * ObjectUploadLimits.MinPartBytes) + 10, bytes.Where(b => b.Op == "upload_part").Sum(b => b.Value));
        Assert.Equal(10, bytes.Where(b => b.Op == "put").Sum(b => b.Value));
    }

    [Fact]
    public async Task DiskCache_UploadedObject_AdmittedAndServedWithoutTheStore()
    {
        using var directory = new TempDirectory();
        var counting = new CountingStore(_memory);
        var cache = new RangeDiskCacheObjectStore(
            counting, "upload", new DiskCacheOptions(directory.Path, 64L * 1024 * 1024, PartSize: 1024 * 1024, CachedPrefixes: ["sst/"]), TimeProvider.System);
        var p1 = Part(10, 3);
        var last = new byte[700_000];
        new Random(11).NextBytes(last);
        await using (var upload = cache.StartUpload("sst/t1", PutCondition.CreateOnly))
        {
            await upload.WritePartAsync(1, Part(12));
            await upload.WritePartAsync(1, p1); // a rewrite replaces the staged bytes too
            Assert.True((await upload.CompleteAsync(last)).IsOk);
        }

        var expected = p1.Concat(last).ToArray();
        Assert.True(cache.CachedBytes >= expected.Length);
        Assert.Empty(Directory.EnumerateFiles(directory.Path, ".tmp-*", SearchOption.AllDirectories));
        using (var ranged = await cache.GetAsync("sst/t1", ByteRange.FromOffset(ObjectUploadLimits.MinPartBytes - 5, 600_000)))
        {
            Assert.True(expected.AsSpan(ObjectUploadLimits.MinPartBytes - 5, 600_000).SequenceEqual(ranged!.Data.Span));
        }

        Assert.Equal(0, counting.Gets);
    }

    [Fact]
    public async Task DiskCache_AbandonedUpload_AdmitsNothingAndLeavesNoStaging()
    {
        using var directory = new TempDirectory();
        var cache = new RangeDiskCacheObjectStore(
            _memory, "upload", new DiskCacheOptions(directory.Path, 64L * 1024 * 1024, PartSize: 1024 * 1024, CachedPrefixes: ["sst/"]), TimeProvider.System);
        await using (var upload = cache.StartUpload("sst/t2", PutCondition.CreateOnly))
        {
            await upload.WritePartAsync(1, Part(13));
        }

        Assert.Equal(0, cache.CachedBytes);
        Assert.Empty(Directory.EnumerateFiles(directory.Path, "*", SearchOption.AllDirectories));
        Assert.Null(await cache.HeadAsync("sst/t2"));
    }

    [Fact]
    public async Task LocalDirectory_UploadETag_EqualsThePutOfTheSameBytes()
    {
        using var directory = new TempDirectory();
        var local = new LocalDirectoryObjectStore(directory.Path);
        var p1 = Part(14);
        var last = new byte[] { 1, 2, 3 };
        var put = await local.PutAsync("whole", p1.Concat(last).ToArray(), PutCondition.CreateOnly);
        await using var upload = local.StartUpload("parts", PutCondition.CreateOnly);
        await upload.WritePartAsync(1, p1);
        var uploaded = await upload.CompleteAsync(last);
        Assert.Equal(put.ETag, uploaded.ETag);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(directory.Path, ".tmp")));
    }
}
