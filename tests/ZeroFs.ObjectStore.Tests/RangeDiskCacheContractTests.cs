using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

/// <summary>The whole object-store contract through the disk cache; the range and large-object cases are cached.</summary>
public sealed class RangeDiskCacheContractTests : ObjectStoreContractTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new RangeDiskCacheObjectStore(
            new MemoryObjectStore(),
            "contract",
            new DiskCacheOptions(_directory.Path, 64L * 1024 * 1024, PartSize: 4096, CachedPrefixes: ["range/", "large/"]),
            TimeProvider.System));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
