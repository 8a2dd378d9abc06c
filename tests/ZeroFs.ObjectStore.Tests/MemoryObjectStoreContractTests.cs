namespace ZeroFs.ObjectStore.Tests;

public sealed class MemoryObjectStoreContractTests : ObjectStoreContractTests
{
    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new MemoryObjectStore());
}
