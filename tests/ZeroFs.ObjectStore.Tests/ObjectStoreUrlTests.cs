namespace ZeroFs.ObjectStore.Tests;

public sealed class ObjectStoreUrlTests
{
    [Theory]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://bucket/", "bucket", "")]
    [InlineData("s3://bucket/prefix", "bucket", "prefix/")]
    [InlineData("s3://bucket/prefix/", "bucket", "prefix/")]
    [InlineData("s3://bucket/a/b//", "bucket", "a/b/")]
    [InlineData("S3://my-bucket/zerofs-data", "my-bucket", "zerofs-data/")]
    public void Parse_S3_BucketAndNormalisedPrefix(string url, string bucket, string prefix)
    {
        var parsed = ObjectStoreUrl.Parse(url);
        Assert.Equal(ObjectStoreKind.S3, parsed.Kind);
        Assert.Equal(bucket, parsed.Bucket);
        Assert.Equal(prefix, parsed.Prefix);
        Assert.Null(parsed.Path);
    }

    [Theory]
    [InlineData("/var/lib/zerofs", "/var/lib/zerofs")]
    [InlineData("file:///var/lib/zerofs", "/var/lib/zerofs")]
    [InlineData("file:///with%20space", "/with space")]
    [InlineData("/a/b/../c", "/a/c")]
    public void Parse_AbsolutePathForms_Local(string url, string path)
    {
        var parsed = ObjectStoreUrl.Parse(url);
        Assert.Equal(ObjectStoreKind.Local, parsed.Kind);
        Assert.Equal(path, parsed.Path);
    }

    [Fact]
    public void Parse_RelativePath_MadeAbsolute()
    {
        var parsed = ObjectStoreUrl.Parse("zerofs-data");
        Assert.Equal(ObjectStoreKind.Local, parsed.Kind);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "zerofs-data"), parsed.Path);
    }

    [Theory]
    [InlineData("memory://", "")]
    [InlineData("memory://test", "test")]
    [InlineData("memory:///x/", "x")]
    public void Parse_Memory_OptionalName(string url, string name)
    {
        var parsed = ObjectStoreUrl.Parse(url);
        Assert.Equal(ObjectStoreKind.Memory, parsed.Kind);
        Assert.Equal(name, parsed.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("s3://")]
    [InlineData("s3:///prefix")]
    [InlineData("gs://bucket/x")]
    [InlineData("azure://c/x")]
    [InlineData("http://host/x")]
    [InlineData("file://relative/path")]
    public void Parse_Invalid_FormatExceptionNamingUrlAndForms(string url)
    {
        var e = Assert.Throws<FormatException>(() => ObjectStoreUrl.Parse(url));
        Assert.Contains($"'{url}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("s3://bucket", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_IsCanonical()
    {
        Assert.Equal("s3://b/p/", ObjectStoreUrl.Parse("s3://b/p").ToString());
        Assert.Equal("file:///x/y", ObjectStoreUrl.Parse("/x/y/").ToString());
    }
}
