using Microsoft.Extensions.Logging.Abstractions;

namespace ZeroFs.Fuse.Tests;

/// <summary>An in-process <see cref="FuseMount"/> of a <see cref="ZerofsServer"/> on a fresh directory; unmounted on dispose.</summary>
public sealed class TestMount : IAsyncDisposable
{
    private TestMount(FuseMount mount, string path)
    {
        Mount = mount;
        Path = path;
    }

    public FuseMount Mount { get; }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    public static async Task<TestMount> StartAsync(ZerofsServer server, Func<FuseMountOptions, FuseMountOptions>? configure = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zerofs-fuse-mnt", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var options = new FuseMountOptions
        {
            Endpoint = server.Endpoint,
            MountPoint = path,
            AttachName = server.AttachName,
            ReconnectWait = TimeSpan.FromSeconds(20),
        };
        options = configure?.Invoke(options) ?? options;
        var mount = await FuseMount.MountAsync(options, NullLoggerFactory.Instance);
        return new TestMount(mount, path);
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public async ValueTask DisposeAsync()
    {
        await Mount.DisposeAsync();
        Directory.Delete(Path);
    }
}
