using System.IO.Pipelines;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.ObjectStore;

namespace ZeroFs.Nfs.Tests;

/// <summary>
/// A real engine on a memory store, a filesystem and an NFS server, with clients connected over
/// in-memory pipes. Reopenable (clean or crash) to simulate server restarts on the same store.
/// </summary>
internal sealed class NfsHarness : IAsyncDisposable
{
    private readonly List<NfsTestClient> _clients = [];

    private readonly EngineOptions _engineOptions;

    private NfsHarness(NfsServerOptions options, EngineOptions engineOptions)
    {
        Options = options;
        _engineOptions = engineOptions;
    }

    public IObjectStore Store { get; } = new MemoryObjectStore();

    public DataKey Key { get; } = DataKey.Generate();

    public NfsServerOptions Options { get; }

    public Db Db { get; private set; } = null!;

    public PosixFileSystem Fs { get; private set; } = null!;

    public NfsServer Server { get; private set; } = null!;

    // Large L0 tables: few freezes while tests fill directories (see the report on the engine's
    // freeze/publish race, where a publish can observe a frozen memtable before its upload starts).
    public static EngineOptions EngineOptions => new()
    {
        L0TableBytes = 8 * 1024 * 1024,
        MaxUnflushedBytes = 64 * 1024 * 1024,
        WalFlushInterval = TimeSpan.FromMilliseconds(10),
        ManifestPollInterval = TimeSpan.FromMilliseconds(50),
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 42,
    };

    /// <param name="options">The server's options (defaults otherwise).</param>
    /// <param name="engineOptions">The engine's (<see cref="EngineOptions"/> otherwise).</param>
    public static async Task<NfsHarness> OpenAsync(NfsServerOptions? options = null, EngineOptions? engineOptions = null)
    {
        var harness = new NfsHarness(options ?? new NfsServerOptions(), engineOptions ?? EngineOptions);
        await harness.StartAsync();
        return harness;
    }

    public static byte[] N(string name) => Encoding.UTF8.GetBytes(name);

    public NfsFileHandle RootHandle => new(Options.VolumeId, PosixFileSystem.RootId, 1);

    /// <summary>Connects a client over a fresh pair of in-memory pipes.</summary>
    public NfsTestClient Connect(uint uid = 0, uint gid = 0, uint[]? groups = null)
    {
        var client = NfsTestClient.Start(Server, uid, gid, groups);
        _clients.Add(client);
        return client;
    }

    /// <summary>Closes every client, the filesystem and the engine cleanly and opens new ones (and a new server) over the same store.</summary>
    public async Task RestartAsync()
    {
        await CloseClientsAsync();
        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        await StartAsync();
    }

    /// <summary>Abandons the engine without closing it (nothing unflushed is published) and opens a new writer, which fences it.</summary>
    public async Task CrashAndRestartAsync()
    {
        await CloseClientsAsync();
        var old = Db;
        await StartAsync();
        try
        {
            await old.DisposeAsync();
        }
        catch (Exception)
        {
            // The fenced writer may fail to close; that is the point.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseClientsAsync();
        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        Key.Dispose();
    }

    private async Task StartAsync()
    {
        Db = await Db.OpenWriterAsync(Store, null, Key, _engineOptions, TimeProvider.System);
        Fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(Db), new FileSystemOptions(), TimeProvider.System);
        Server = new NfsServer(Fs, Options, null);
    }

    private async Task CloseClientsAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        _clients.Clear();
    }
}

/// <summary>A duplex pipe from two halves.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
