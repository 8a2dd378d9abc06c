using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

[Collection("moto")]
public sealed class ConditionalWriteSelfTestTests(MotoS3Fixture moto)
{
    [Fact]
    public async Task RunAsync_MemoryStore_PassesAndCleansUp()
    {
        var store = new MemoryObjectStore();
        await ConditionalWriteSelfTest.RunAsync(store);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task RunAsync_LocalStore_PassesAndCleansUp()
    {
        using var directory = new TempDirectory();
        await using var store = new LocalDirectoryObjectStore(directory.Path);
        await ConditionalWriteSelfTest.RunAsync(store);
        Assert.Empty(await store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task RunAsync_S3Store_PassesAndCleansUp()
    {
        await using var store = moto.CreateStore($"selftest-{Guid.NewGuid():N}");
        await ConditionalWriteSelfTest.RunAsync(store);
        Assert.Empty(await store.ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task RunAsync_StoreIgnoringConditions_ThrowsSayingFencingUnsafe()
    {
        var memory = new MemoryObjectStore();
        var e = await Assert.ThrowsAsync<ObjectStoreSelfTestException>(() => ConditionalWriteSelfTest.RunAsync(new CreateOnlyIgnoringObjectStore(memory)));
        Assert.Contains("does not honour conditional writes", e.Message, StringComparison.Ordinal);
        Assert.Contains("fencing would be unsafe", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, memory.Count);
    }
}
