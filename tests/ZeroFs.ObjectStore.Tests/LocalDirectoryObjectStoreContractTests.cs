using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

public sealed class LocalDirectoryObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new LocalDirectoryObjectStore(_directory.Combine("store")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
