using ZeroFs.ObjectStore.S3;

namespace ZeroFs.ObjectStore.Tests;

public sealed class S3ObjectStoreOptionsTests
{
    [Fact]
    public void FromSettings_KnownKeys_Mapped()
    {
        var options = S3ObjectStoreOptions.FromSettings("b", "p", new Dictionary<string, string>
        {
            ["access_key_id"] = "AK",
            ["secret_access_key"] = "SK",
            ["session_token"] = "ST",
            ["endpoint"] = "http://127.0.0.1:9000",
            ["default_region"] = "eu-west-1",
            ["allow_http"] = "true",
        });
        Assert.Equal("AK", options.AccessKeyId);
        Assert.Equal("SK", options.SecretAccessKey);
        Assert.Equal("ST", options.SessionToken);
        Assert.Equal(new Uri("http://127.0.0.1:9000"), options.Endpoint);
        Assert.Equal("eu-west-1", options.Region);
        Assert.True(options.AllowHttp);
        Assert.True(options.EffectiveForcePathStyle);
        Assert.Equal("p/", options.NormalizedPrefix);
        options.Validate();
    }

    [Fact]
    public void FromSettings_VirtualHostedStyle_DisablesPathStyle()
    {
        var options = S3ObjectStoreOptions.FromSettings("b", "", new Dictionary<string, string>
        {
            ["endpoint"] = "https://s3.example.com",
            ["AWS_VIRTUAL_HOSTED_STYLE_REQUEST"] = "true",
        });
        Assert.False(options.EffectiveForcePathStyle);
        Assert.False(S3ObjectStoreOptions.FromSettings("b", "", new Dictionary<string, string>()).EffectiveForcePathStyle);
    }

    [Theory]
    [InlineData("conditional_put", "redis://x")]
    [InlineData("bogus", "1")]
    public void FromSettings_UnknownKey_ThrowsNamingIt(string key, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => S3ObjectStoreOptions.FromSettings("b", "", new Dictionary<string, string> { [key] = value }));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSettings_BadBoolean_ThrowsNamingKey()
    {
        var e = Assert.Throws<ArgumentException>(() => S3ObjectStoreOptions.FromSettings("b", "", new Dictionary<string, string> { ["allow_http"] = "maybe" }));
        Assert.Contains("allow_http", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpEndpointWithoutAllowHttp_Throws()
    {
        var options = new S3ObjectStoreOptions { Bucket = "b", Endpoint = new Uri("http://127.0.0.1:9000") };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("allow_http", e.Message, StringComparison.Ordinal);
    }
}
