using Microsoft.Extensions.Time.Testing;

namespace ZeroFs.ObjectStore.Tests;

public sealed class RetryingObjectStoreTests
{
    private static readonly RetryOptions Options = new() { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };

    private readonly FakeTimeProvider _time = new();
    private readonly MemoryObjectStore _memory = new();

    private (RetryingObjectStore Retrying, FaultInjectingObjectStore Faults) Create(params FaultRule[] rules)
    {
        var faults = new FaultInjectingObjectStore(_memory, new FaultPlan { Rules = rules });
        return (new RetryingObjectStore(faults, Options, _time, new Random(7)), faults);
    }

    // Advances the fake clock until the operation finishes (backoffs wait on it).
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        return await task;
    }

    [Fact]
    public async Task Put_TransientErrors_RetriedUntilSuccess()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Transient, ObjectStoreOperation.Put, Times: 3));
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite));
        Assert.True(result.IsOk);
        Assert.Equal(4, faults.Steps.Count);
    }

    [Fact]
    public async Task Get_TransientError_Retried()
    {
        await _memory.PutAsync("k", new byte[] { 9 }, PutCondition.Overwrite);
        var (store, faults) = Create(new FaultRule(FaultKind.Transient, ObjectStoreOperation.Get));
        using var result = await DriveAsync(store.GetAsync("k"));
        Assert.Equal([9], result!.ToArray());
        Assert.Equal(2, faults.Steps.Count);
    }

    [Fact]
    public async Task Put_PermanentError_NotRetried()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Permanent, ObjectStoreOperation.Put));
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite)));
        Assert.False(e.IsTransient);
        Assert.Single(faults.Steps);
    }

    [Fact]
    public async Task Put_PreconditionFailed_NotRetried()
    {
        await _memory.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite);
        var (store, faults) = Create();
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 2 }, PutCondition.CreateOnly));
        Assert.Equal(PutStatus.PreconditionFailed, result.Status);
        Assert.Single(faults.Steps);
    }

    [Fact]
    public async Task Put_Conflict_Retried()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Conflict, ObjectStoreOperation.Put, Times: 2));
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.CreateOnly));
        Assert.True(result.IsOk);
        Assert.Equal(3, faults.Steps.Count);
    }

    [Fact]
    public async Task Put_AmbiguousCreateThatLanded_ReportedOkViaPutId()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.TransientAfterEffect, ObjectStoreOperation.Put));
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.CreateOnly, new Dictionary<string, string> { ["a"] = "b" }));
        Assert.True(result.IsOk);
        var head = await _memory.HeadAsync("k");
        Assert.Equal(head!.ETag, result.ETag);
        Assert.True(head.Metadata!.ContainsKey(MetadataKeys.PutId));
        Assert.Equal("b", head.Metadata["a"]);
        Assert.Equal(
            [ObjectStoreOperation.Put, ObjectStoreOperation.Put, ObjectStoreOperation.Head],
            faults.Steps.Select(s => s.Operation).ToArray());
    }

    [Fact]
    public async Task Put_AmbiguousIfMatchThatLanded_ReportedOk()
    {
        var first = await _memory.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite);
        var (store, _) = Create(new FaultRule(FaultKind.TransientAfterEffect, ObjectStoreOperation.Put));
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 2 }, PutCondition.IfMatch(first.ETag!)));
        Assert.True(result.IsOk);
        Assert.Equal((await _memory.HeadAsync("k"))!.ETag, result.ETag);
    }

    [Fact]
    public async Task Put_AmbiguousCreateLostToAnotherWriter_StaysPreconditionFailed()
    {
        await _memory.PutAsync("k", new byte[] { 7 }, PutCondition.CreateOnly, new Dictionary<string, string> { [MetadataKeys.PutId] = "theirs" });
        var (store, _) = Create(new FaultRule(FaultKind.Transient, ObjectStoreOperation.Put));
        var result = await DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.CreateOnly));
        Assert.Equal(PutStatus.PreconditionFailed, result.Status);
    }

    [Fact]
    public async Task Put_TransientForever_GivesUpAfterMaxAttempts()
    {
        var (store, faults) = Create(new FaultRule(FaultKind.Transient, Times: 1000));
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => DriveAsync(store.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite)));
        Assert.True(e.IsTransient);
        Assert.Equal(Options.MaxAttempts, faults.Steps.Count);
    }

    [Fact]
    public async Task Get_TransientForever_StopsAtMaxElapsed()
    {
        var faults = new FaultInjectingObjectStore(_memory, new FaultPlan { Rules = [new FaultRule(FaultKind.Transient, Times: 1000)] });
        var options = new RetryOptions { MaxAttempts = 1000, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1), MaxElapsed = TimeSpan.FromSeconds(5) };
        var store = new RetryingObjectStore(faults, options, _time, new Random(1));
        var start = _time.GetUtcNow();
        await Assert.ThrowsAsync<ObjectStoreException>(() => DriveAsync(store.GetAsync("k")));
        Assert.True(_time.GetUtcNow() - start <= TimeSpan.FromSeconds(6));
        Assert.True(faults.Steps.Count < 1000);
    }

    [Fact]
    public async Task List_TransientAtStart_Retried()
    {
        await _memory.PutAsync("p/1", new byte[] { 1 }, PutCondition.Overwrite);
        await _memory.PutAsync("p/2", new byte[] { 1 }, PutCondition.Overwrite);
        var (store, _) = Create(new FaultRule(FaultKind.Transient, ObjectStoreOperation.List));
        var keys = await DriveAsync(store.ListAsync("p/").Select(m => m.Key).ToListAsync().AsTask());
        Assert.Equal(["p/1", "p/2"], keys);
    }
}
