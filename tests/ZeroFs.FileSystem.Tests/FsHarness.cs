using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Storage;
using ZeroFs.ObjectStore;

namespace ZeroFs.FileSystem.Tests;

/// <summary>A real engine over a memory store with a filesystem on top; reopenable to simulate restarts.</summary>
internal sealed class FsHarness : IAsyncDisposable
{
    public static readonly Credentials Alice = new(1000, 1000);
    public static readonly Credentials Bob = new(1001, 1001);
    public static readonly Credentials Carol = new(1002, 2000, [1000]);
    public static readonly Credentials Root = Credentials.Root;

    private FsHarness(IObjectStore store, DataKey key, FileSystemOptions options)
    {
        Store = store;
        Key = key;
        Options = options;
    }

    public IObjectStore Store { get; }

    public DataKey Key { get; }

    public FileSystemOptions Options { get; }

    public Db Db { get; private set; } = null!;

    public PosixFileSystem Fs { get; private set; } = null!;

    public static EngineOptions EngineOptions => new()
    {
        L0TableBytes = 256 * 1024,
        MaxUnflushedBytes = 8 * 1024 * 1024,
        WalFlushInterval = TimeSpan.FromMilliseconds(10),
        ManifestPollInterval = TimeSpan.FromMilliseconds(50),
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 42,
    };

    public static async Task<FsHarness> OpenAsync(FileSystemOptions? options = null, IObjectStore? store = null)
    {
        var harness = new FsHarness(store ?? new MemoryObjectStore(), DataKey.Generate(), options ?? new FileSystemOptions());
        await harness.StartAsync();
        return harness;
    }

    public async Task StartAsync()
    {
        Db = await Db.OpenWriterAsync(Store, null, Key, EngineOptions, TimeProvider.System);
        Fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(Db), Options, TimeProvider.System);
    }

    /// <summary>Closes cleanly and opens a new writer and filesystem over the same store.</summary>
    public async Task ReopenAsync()
    {
        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        await StartAsync();
    }

    /// <summary>Abandons the writer without closing it (a crash: nothing unflushed is published) and opens a new one, which fences it.</summary>
    public async Task CrashAndReopenAsync()
    {
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

    public static byte[] N(string name) => Encoding.UTF8.GetBytes(name);

    public async Task<long> CountKeysAsync(byte kind)
    {
        long count = 0;
        using var it = Db.Scan(new[] { kind }, new[] { (byte)(kind + 1) });
        while (await it.MoveNextAsync())
        {
            count++;
        }

        return count;
    }

    public async Task<ulong> CreateFileAsync(Credentials who, ulong dir, string name, uint mode = 0x1A4)
    {
        var result = await Fs.CreateAsync(who, dir, N(name), mode, exclusive: true);
        Assert.Equal(FsStatus.Ok, result.Status);
        return result.Value.Id;
    }

    public async Task<ulong> MkdirAsync(Credentials who, ulong dir, string name, uint mode = 0x1ED)
    {
        var result = await Fs.MakeDirectoryAsync(who, dir, N(name), mode);
        Assert.Equal(FsStatus.Ok, result.Status);
        return result.Value.Id;
    }

    public async Task<InodeAttributes> AttrAsync(ulong id)
    {
        var result = await Fs.GetAttributesAsync(id);
        Assert.Equal(FsStatus.Ok, result.Status);
        return result.Value;
    }

    public async Task<byte[]> ReadAllAsync(ulong id)
    {
        var size = (await AttrAsync(id)).Size;
        var buffer = new byte[size];
        var result = await Fs.ReadAsync(Root, id, 0, buffer);
        Assert.Equal(FsStatus.Ok, result.Status);
        Assert.Equal(size, result.Value.Count);
        return buffer;
    }

    public async Task<List<string>> ListAsync(ulong dir, int page = 1000)
    {
        var names = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            var result = await Fs.ReadDirectoryAsync(Root, dir, cookie, page);
            Assert.Equal(FsStatus.Ok, result.Status);
            foreach (var entry in result.Value.Entries)
            {
                names.Add(Encoding.UTF8.GetString(entry.Name));
                cookie = entry.Cookie;
            }

            if (result.Value.EndOfDirectory)
            {
                return names;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Fs.DisposeAsync();
        await Db.DisposeAsync();
        Key.Dispose();
    }
}
