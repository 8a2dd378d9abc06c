using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Xunit;
using ZeroFs.ObjectStore.S3;

namespace ZeroFs.Testing;

/// <summary>
/// A real <c>moto_server</c> (S3 emulator) on 127.0.0.1 and a free port, for a whole test
/// collection. xunit needs the <c>[CollectionDefinition]</c> class in the test assembly itself,
/// so each test project declares one, e.g.
/// <code>[CollectionDefinition("moto")] public sealed class MotoCollection : ICollectionFixture&lt;MotoS3Fixture&gt;;</code>
/// and marks its S3 test classes <c>[Collection("moto")]</c>. moto's request log goes to
/// <see cref="LogPath"/>, not the test output.
/// </summary>
public sealed class MotoS3Fixture : IAsyncLifetime
{
    /// <summary>Dummy credentials moto accepts.</summary>
    public const string AccessKey = "test";

    /// <summary>Dummy secret moto accepts.</summary>
    public const string SecretKey = "test";

    /// <summary>The region used for signing.</summary>
    public const string Region = "us-east-1";

    private Process? _process;
    private AmazonS3Client? _admin;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Where moto's output goes.</summary>
    public string LogPath { get; } = Path.Combine(Path.GetTempPath(), "zerofs-tests", $"moto-{Guid.NewGuid():N}.log");

    /// <summary>A bucket created at start-up, shared by tests that isolate themselves by prefix.</summary>
    public string DefaultBucket { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec moto_server -H 127.0.0.1 -p {port} >'{LogPath}' 2>&1");
        start.Environment["MOTO_S3_DEFAULT_KEY_BUFFER_SIZE"] = "65536";
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start moto_server");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await http.GetAsync(Endpoint);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"moto_server did not answer on {Endpoint} within 30 s; see {LogPath}");
            }

            await Task.Delay(50);
        }

        _admin = new AmazonS3Client(
            new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config
            {
                ServiceURL = Endpoint.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = Region,
                UseHttp = true,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
        DefaultBucket = await CreateBucketAsync();
    }

    /// <summary>Creates a bucket (a unique name when none is given) and returns its name.</summary>
    public async Task<string> CreateBucketAsync(string? name = null)
    {
        name ??= "zf-" + Guid.NewGuid().ToString("N")[..20];
        await _admin!.PutBucketAsync(new PutBucketRequest { BucketName = name });
        return name;
    }

    /// <summary>Options for a store on <paramref name="bucket"/> under <paramref name="prefix"/>.</summary>
    public S3ObjectStoreOptions CreateOptions(string bucket, string prefix = "") => new()
    {
        Bucket = bucket,
        Prefix = prefix,
        Endpoint = Endpoint,
        Region = Region,
        AccessKeyId = AccessKey,
        SecretAccessKey = SecretKey,
        ForcePathStyle = true,
        AllowHttp = true,
    };

    /// <summary>A store on the default bucket under <paramref name="prefix"/>.</summary>
    public S3ObjectStore CreateStore(string prefix) => new(CreateOptions(DefaultBucket, prefix));

    /// <summary>A store on <paramref name="bucket"/> under <paramref name="prefix"/>.</summary>
    public S3ObjectStore CreateStore(string bucket, string prefix) => new(CreateOptions(bucket, prefix));

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
