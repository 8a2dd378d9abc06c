namespace ZeroFs.Fuse.Tests;

/// <summary>One <c>zerofs run</c> and one in-process mount shared by a collection; each test works in its own directory.</summary>
public sealed class MountFixture : IAsyncLifetime
{
    public ZerofsServer Server { get; private set; } = null!;

    public TestMount Mount { get; private set; } = null!;

    /// <summary>A fresh directory on the mount (world-writable, so the non-root tests can use it too).</summary>
    public string NewDirectory()
    {
        var path = Mount.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)0x1ff);
        return path;
    }

    /// <summary>The server's side of paths on the mount, read over its own 9P session.</summary>
    public ServerView OnServer => Server.View(Mount.Path);

    public async Task InitializeAsync()
    {
        Server = await ZerofsServer.StartAsync();
        Mount = await TestMount.StartAsync(Server);
    }

    public async Task DisposeAsync()
    {
        await Mount.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MountCollection : ICollectionFixture<MountFixture>
{
    public const string Name = "mount";
}
