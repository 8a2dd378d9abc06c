using ZeroFs.Testing;

namespace ZeroFs.Crypto.Tests;

/// <summary>One moto_server for the S3 tests of this assembly.</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoS3Fixture>;
