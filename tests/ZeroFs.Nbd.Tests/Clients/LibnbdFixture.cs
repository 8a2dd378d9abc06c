using ZeroFs.ObjectStore;
using ZeroFs.Testing;

namespace ZeroFs.Nbd.Tests.Clients;

/// <summary>One real Db on a local-directory store in a temp dir, its NBD server mounted on Kestrel (TCP and Unix socket).</summary>
public sealed class LibnbdFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    internal NbdTestHost Host { get; private set; } = null!;

    internal KestrelNbdHost Kestrel { get; private set; } = null!;

    public string TempPath => _directory.Path;

    public async Task InitializeAsync()
    {
        Host = await NbdTestHost.StartAsync(new LocalDirectoryObjectStore(_directory.Combine("store")));
        Kestrel = await KestrelNbdHost.StartAsync(Host.Server, _directory.Combine("nbd.sock"));
    }

    public async Task DisposeAsync()
    {
        await Kestrel.DisposeAsync();
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
