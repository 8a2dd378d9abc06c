using System.Net;
using System.Net.Sockets;
using ZeroFs.Testing;

namespace ZeroFs.Cli.Tests;

/// <summary><c>zerofs run</c> on an S3 bucket: a real moto server, and an endpoint nobody answers.</summary>
[Collection("moto")]
public sealed class S3RunCommandTests(MotoS3Fixture moto)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static string Config(string bucket, Uri endpoint) => $$"""
        [cache]
        dir = "./cache"
        disk_size_gb = 1
        [storage]
        url = "s3://{{bucket}}/zerofs"
        encryption_password = "${ZEROFS_PASSWORD}"
        [servers.ninep]
        addresses = ["127.0.0.1:5564"]
        [aws]
        access_key_id = "{{MotoS3Fixture.AccessKey}}"
        secret_access_key = "{{MotoS3Fixture.SecretKey}}"
        endpoint = "{{endpoint}}"
        region = "{{MotoS3Fixture.Region}}"
        allow_http = "true"
        """;

    private static Dictionary<string, string> Password(string password) => new() { ["ZEROFS_PASSWORD"] = password };

    [Fact]
    public async Task Run_S3Bucket_CreatesKeyFileInTheBucketThenWrongPasswordFails()
    {
        var bucket = await moto.CreateBucketAsync();
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config(bucket, moto.Endpoint));

        using (var process = ZerofsProcess.Start(dir.Path, Password("s3-password"), null, "run", "-c", "zerofs.toml"))
        {
            await process.WaitForStdoutAsync("Press Ctrl+C", Timeout);
            await process.SignalAsync("TERM");
            Assert.Equal(0, await process.WaitForExitAsync(Timeout));
        }

        await using var store = moto.CreateStore(bucket, "zerofs/");
        var keyFile = await store.HeadAsync("keys/zerofs.key");
        Assert.NotNull(keyFile);
        Assert.Null(await store.HeadAsync("selftest/probe"));

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("not-the-password"), null, "run", "-c", "zerofs.toml");
        Assert.Equal(1, exit);
        Assert.Contains("wrong password", stderr, StringComparison.Ordinal);
        Assert.Equal(keyFile.ETag, (await store.HeadAsync("keys/zerofs.key"))!.ETag);
    }

    [Fact]
    public async Task Run_UnreachableEndpoint_ExitsOneNamingTheStore()
    {
        using var dir = new TempDirectory();
        var closed = new Uri($"http://127.0.0.1:{FreePort()}");
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config("no-such-bucket", closed));

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("s3-password"), null, "run", "-c", "zerofs.toml");

        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        Assert.Contains("no-such-bucket", stderr, StringComparison.Ordinal);
        Assert.Contains("error:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingBucket_ExitsOneNamingTheBucket()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("zerofs.toml"), Config("bucket-that-was-never-made", moto.Endpoint));

        var (exit, _, stderr) = await ZerofsProcess.RunAsync(dir.Path, Password("s3-password"), null, "run", "-c", "zerofs.toml");

        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        Assert.Contains("bucket-that-was-never-made", stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
