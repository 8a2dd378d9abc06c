namespace ZeroFs.ObjectStore.Tests;

public sealed class FaultInjectingObjectStoreTests
{
    private readonly MemoryObjectStore _memory = new();

    [Fact]
    public async Task CrashAtStep_ThatCallAndEveryLaterCallFail()
    {
        var store = new FaultInjectingObjectStore(_memory, new FaultPlan { CrashAtStep = 2 });
        await store.PutAsync("a", new byte[] { 1 }, PutCondition.Overwrite);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => store.PutAsync("b", new byte[] { 1 }, PutCondition.Overwrite));
        await Assert.ThrowsAsync<SimulatedCrashException>(() => store.HeadAsync("a"));
        Assert.True(store.HasCrashed);
        Assert.Null(await _memory.HeadAsync("b"));
        Assert.Equal(["1: Put a", "2: Put b"], store.Steps.Select(s => s.ToString()).ToArray());
    }

    [Fact]
    public async Task CrashAfterEffect_WriteLandsButCallerSeesCrash()
    {
        var store = new FaultInjectingObjectStore(_memory, new FaultPlan { CrashAtStep = 1, CrashAfterEffect = true });
        await Assert.ThrowsAsync<SimulatedCrashException>(() => store.PutAsync("a", new byte[] { 1 }, PutCondition.CreateOnly));
        Assert.NotNull(await _memory.HeadAsync("a"));
    }

    [Fact]
    public async Task Steps_EnumerateCrashPoints_EachCrashIsDeterministic()
    {
        static async Task WorkloadAsync(IObjectStore s)
        {
            await s.PutAsync("x", new byte[] { 1 }, PutCondition.CreateOnly);
            await s.HeadAsync("x");
            await s.DeleteAsync("x");
        }

        var dry = new FaultInjectingObjectStore(new MemoryObjectStore(), FaultPlan.None);
        await WorkloadAsync(dry);
        Assert.Equal(3, dry.Steps.Count);
        for (var step = 1; step <= dry.Steps.Count; step++)
        {
            var store = new FaultInjectingObjectStore(new MemoryObjectStore(), new FaultPlan { CrashAtStep = step });
            await Assert.ThrowsAsync<SimulatedCrashException>(() => WorkloadAsync(store));
            Assert.Equal(step, store.Steps.Count);
        }
    }

    [Fact]
    public async Task Probability_SameSeed_SameFaults()
    {
        async Task<string> RunAsync()
        {
            var store = new FaultInjectingObjectStore(new MemoryObjectStore(), new FaultPlan { Seed = 5, TransientErrorProbability = 0.5 });
            var outcome = new System.Text.StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await store.HeadAsync("k");
                    outcome.Append('.');
                }
                catch (ObjectStoreException e) when (e.IsTransient)
                {
                    outcome.Append('x');
                }
            }

            return outcome.ToString();
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task RuleOnNthCall_HitsOnlyThatCall()
    {
        var store = new FaultInjectingObjectStore(_memory, new FaultPlan { Rules = [new FaultRule(FaultKind.Permanent, ObjectStoreOperation.Head, "k", OnCall: 2)] });
        await store.HeadAsync("k");
        await store.HeadAsync("other");
        await Assert.ThrowsAsync<ObjectStoreException>(() => store.HeadAsync("k"));
        await store.HeadAsync("k");
    }
}
