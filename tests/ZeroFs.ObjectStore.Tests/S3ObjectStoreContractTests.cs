using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

[Collection("moto")]
public sealed class S3ObjectStoreContractTests(MotoS3Fixture moto) : ObjectStoreContractTests
{
    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(moto.CreateStore($"contract/{Guid.NewGuid():N}/"));
}
