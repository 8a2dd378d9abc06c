using ZeroFs.Hosting.Storage;
using ZeroFs.ObjectStore;

namespace ZeroFs.Hosting.Tests.Storage;

public sealed class ObjectStoreFactoryTests : IDisposable
{
    private static readonly Dictionary<string, string> Aws = new()
    {
        ["access_key_id"] = "test",
        ["secret_access_key"] = "test",
        ["endpoint"] = "http://127.0.0.1:9",
        ["allow_http"] = "true",
    };

    private readonly string _root = Directory.CreateTempSubdirectory("zerofs-factory-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Create_S3WithDiskCache_PutsTheCacheOutermost()
    {
        var cache = new DiskCacheOptions(Path.Combine(_root, "cache"), 1_000_000_000);
        await using var store = ObjectStoreFactory.Create("s3://bucket/prefix", Aws, "main", TimeProvider.System, cache);

        Assert.IsType<RangeDiskCacheObjectStore>(store);
    }

    [Fact]
    public async Task Create_LocalDirectory_NeverCachesTheSameDiskTwice()
    {
        var cache = new DiskCacheOptions(Path.Combine(_root, "cache"), 1_000_000_000);
        await using var store = ObjectStoreFactory.Create(Path.Combine(_root, "data"), Aws, "main", TimeProvider.System, cache);

        Assert.IsType<RetryingObjectStore>(store);
        Assert.False(Directory.Exists(Path.Combine(_root, "cache")));
    }

    [Fact]
    public void StoreId_DiffersPerLocationAndIsOnePathSegment()
    {
        var a = ObjectStoreFactory.StoreId("s3://bucket/a/");
        var b = ObjectStoreFactory.StoreId("s3://bucket/b/");

        Assert.NotEqual(a, b);
        Assert.Equal(a, ObjectStoreFactory.StoreId("s3://bucket/a/"));
        Assert.DoesNotContain('/', a);
    }
}
