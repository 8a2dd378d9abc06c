using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.Nbd.Server;
using ZeroFs.ObjectStore;

namespace ZeroFs.Nbd.Tests;

/// <summary>A real engine and filesystem with an NBD server on top; exports are created through the filesystem, as another protocol would.</summary>
internal sealed class NbdTestHost : IAsyncDisposable
{
    private NbdTestHost(IObjectStore store, EngineOptions engineOptions, NbdServerOptions serverOptions)
    {
        Store = store;
        EngineOptions = engineOptions;
        ServerOptions = serverOptions;
    }

    public static EngineOptions DefaultEngineOptions => new()
    {
        L0TableBytes = 1024 * 1024,
        MaxUnflushedBytes = 16 * 1024 * 1024,
        WalFlushInterval = TimeSpan.FromMilliseconds(10),
        ManifestPollInterval = TimeSpan.FromMilliseconds(50),
        Compression = new CompressionOptions(CompressionCodec.None),
        CompactorMode = ZeroFs.Engine.Compaction.CompactorMode.External,
        L0MaxTables = 4096,
        RandomSeed = 42,
    };

    public IObjectStore Store { get; }

    public DataKey Key { get; } = DataKey.Generate();

    public EngineOptions EngineOptions { get; }

    public NbdServerOptions ServerOptions { get; }

    public Db Db { get; private set; } = null!;

    public PosixFileSystem Fs { get; private set; } = null!;

    public NbdServer Server { get; private set; } = null!;

    public ulong ExportDirectoryId { get; private set; }

    public static async Task<NbdTestHost> StartAsync(IObjectStore? store = null, EngineOptions? engineOptions = null, NbdServerOptions? serverOptions = null)
    {
        var host = new NbdTestHost(store ?? new MemoryObjectStore(), engineOptions ?? DefaultEngineOptions, serverOptions ?? new NbdServerOptions());
        await host.OpenAsync();
        return host;
    }

    private async Task OpenAsync()
    {
        Db = await Db.OpenWriterAsync(Store, null, Key, EngineOptions, TimeProvider.System);
        Fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(Db), new FileSystemOptions(), TimeProvider.System);
        Server = new NbdServer(Fs, ServerOptions, null);
        await Server.EnsureExportDirectoryAsync(CancellationToken.None);
        ExportDirectoryId = (await Fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, N(".nbd"))).Value.Id;
    }

    /// <summary>Abandons the writer without closing it (a kill: nothing unflushed is published) and opens a new one over the same store.</summary>
    public async Task CrashAndReopenAsync()
    {
        var old = Db;
        await OpenAsync();
        try
        {
            await old.DisposeAsync();
        }
        catch (Exception)
        {
            // The fenced writer may fail to close; that is the point.
        }
    }

    public static byte[] N(string name) => Encoding.UTF8.GetBytes(name);

    /// <summary>Creates (or truncates to <paramref name="size"/>) a regular file in /.nbd, as `truncate -s` through another protocol would.</summary>
    public async Task<ulong> CreateExportAsync(string name, long size, uint mode = 0x1A4)
    {
        var created = await Fs.CreateAsync(Credentials.Root, ExportDirectoryId, N(name), mode, exclusive: false);
        Assert.Equal(FsStatus.Ok, created.Status);
        var resized = await Fs.SetAttributesAsync(Credentials.Root, created.Value.Id, new SetAttributes { Size = size });
        Assert.Equal(FsStatus.Ok, resized.Status);
        return created.Value.Id;
    }

    public async Task<ulong> ExportIdAsync(string name)
    {
        var found = await Fs.LookupAsync(Credentials.Root, ExportDirectoryId, N(name));
        Assert.Equal(FsStatus.Ok, found.Status);
        return found.Value.Id;
    }

    public async Task<byte[]> ReadExportAsync(string name, long offset, int count)
    {
        var buffer = new byte[count];
        var read = await Fs.ReadAsync(Credentials.Root, await ExportIdAsync(name), offset, buffer);
        Assert.Equal(FsStatus.Ok, read.Status);
        return buffer;
    }

    public async Task WriteExportAsync(string name, long offset, byte[] data)
    {
        var written = await Fs.WriteAsync(Credentials.Root, await ExportIdAsync(name), offset, data);
        Assert.Equal(FsStatus.Ok, written.Status);
    }

    public RawNbdClient Connect(CancellationToken cancellationToken = default) => RawNbdClient.Start(Server, cancellationToken);

    /// <summary>Closes the filesystem and the writer cleanly (everything is published); the store and key stay usable.</summary>
    public async Task CloseAsync()
    {
        if (Db is null)
        {
            return;
        }

        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        Db = null!;
    }

    /// <summary>Opens a new writer, filesystem and server over the same store after <see cref="CloseAsync"/>.</summary>
    public Task ReopenAsync() => OpenAsync();

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Key.Dispose();
    }

    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
