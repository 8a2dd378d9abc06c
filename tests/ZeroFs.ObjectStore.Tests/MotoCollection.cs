using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

/// <summary>One moto_server for every S3 test class in this assembly (the definition must live here, not in ZeroFs.Testing).</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoS3Fixture>;
