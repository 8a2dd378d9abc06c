using System.IO.Pipelines;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.NineP.Client;
using ZeroFs.ObjectStore;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>
/// A real engine over a memory store (behind a gate), a real <see cref="PosixFileSystem"/>, and a
/// <see cref="NinePServer"/> whose sessions run over in-memory pipe pairs.
/// </summary>
internal sealed class ServerHarness : IAsyncDisposable
{
    private readonly List<Connection> _connections = [];

    private ServerHarness(GatedObjectStore store, DataKey key, Db db, PosixFileSystem fs, NinePServer server)
    {
        Store = store;
        Key = key;
        Db = db;
        Fs = fs;
        Server = server;
    }

    public GatedObjectStore Store { get; }

    public DataKey Key { get; }

    public Db Db { get; }

    public PosixFileSystem Fs { get; }

    public NinePServer Server { get; }

    public static EngineOptions EngineOptions => new()
    {
        L0TableBytes = 256 * 1024,
        MaxUnflushedBytes = 8 * 1024 * 1024,
        WalFlushInterval = TimeSpan.FromMilliseconds(10),
        ManifestPollInterval = TimeSpan.FromMilliseconds(50),
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 42,
    };

    public static async Task<ServerHarness> StartAsync(NinePServerOptions? options = null, FileSystemOptions? fsOptions = null)
    {
        var store = new GatedObjectStore(new MemoryObjectStore());
        var key = DataKey.Generate();
        var db = await Db.OpenWriterAsync(store, null, key, EngineOptions, TimeProvider.System);
        var fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(db), fsOptions ?? new FileSystemOptions(), TimeProvider.System);
        var server = new NinePServer(fs, options ?? new NinePServerOptions());
        return new ServerHarness(store, key, db, fs, server);
    }

    public static byte[] N(string name) => Encoding.UTF8.GetBytes(name);

    /// <summary>Starts a session over a fresh pipe pair.</summary>
    public Connection Connect()
    {
        var options = new PipeOptions(useSynchronizationContext: false);
        var toServer = new Pipe(options);
        var toClient = new Pipe(options);
        var session = Server.RunSessionAsync(new DuplexPipe(toServer.Reader, toClient.Writer), CancellationToken.None);
        var connection = new Connection(new DuplexPipe(toClient.Reader, toServer.Writer), session);
        _connections.Add(connection);
        return connection;
    }

    /// <summary>A session driven by <see cref="NinePClient"/>.</summary>
    public async Task<ClientConnection> ConnectClientAsync(NinePClientOptions? options = null)
    {
        var connection = Connect();
        var client = await NinePClient.StartAsync(connection.Transport, options);
        return new ClientConnection(client, connection);
    }

    public async ValueTask DisposeAsync()
    {
        Store.Open();
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        Key.Dispose();
    }

    public sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The client side of one session.</summary>
    public sealed class Connection(IDuplexPipe transport, Task session) : IAsyncDisposable
    {
        public IDuplexPipe Transport { get; } = transport;

        /// <summary>The server's session; completes when it has released everything.</summary>
        public Task Session { get; } = session;

        public async ValueTask DisposeAsync()
        {
            await Transport.Output.CompleteAsync();
            await Session.WaitAsync(TimeSpan.FromSeconds(30));
            await Transport.Input.CompleteAsync();
        }
    }

    public sealed class ClientConnection(NinePClient client, Connection connection) : IAsyncDisposable
    {
        public NinePClient Client { get; } = client;

        public Connection Connection { get; } = connection;

        /// <summary>Closes the client and waits for the server's session to finish its teardown.</summary>
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Connection.Session.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
