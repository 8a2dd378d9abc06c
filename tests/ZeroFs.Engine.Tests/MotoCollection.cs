using ZeroFs.Testing;

namespace ZeroFs.Engine.Tests;

/// <summary>One moto_server for every S3 test class in this assembly.</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoS3Fixture>;
