using System.Text;
using ZeroFs.Crypto;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>Opens writers over real stores with small, test-friendly options.</summary>
internal sealed class DbHarness : IDisposable
{
    public DbHarness()
    {
        Key = DataKey.Generate();
    }

    public DataKey Key { get; }

    public MemoryObjectStore Store { get; } = new();

    public static EngineOptions Options => new()
    {
        L0TableBytes = 16 * 1024,
        MaxUnflushedBytes = 1024 * 1024,
        WalFlushInterval = TimeSpan.FromMilliseconds(20),
        ManifestPollInterval = TimeSpan.FromMilliseconds(50),
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 42,

        // No compactor unless a test asks for one (GC and compaction tests do): a background
        // compactor would make request counts, table counts and checkpoint lists of the other
        // tests depend on timing. Without one, L0 must not stall.
        CompactorMode = ZeroFs.Engine.Compaction.CompactorMode.External,
        L0MaxTables = 4096,
    };

    public Task<Engine.Db> OpenAsync(IObjectStore? store = null, EngineOptions? options = null, IObjectStore? wal = null) =>
        Engine.Db.OpenWriterAsync(store ?? Store, wal, Key, options ?? Options, TimeProvider.System);

    public static byte[] K(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] K(int i) => Encoding.UTF8.GetBytes($"key{i:D6}");

    public static byte[] V(int i, int round = 0) => Encoding.UTF8.GetBytes($"value-{i}-{round}-" + new string('x', i % 50));

    public static async Task<List<(string Key, string Value)>> ScanAllAsync(Engine.Db db)
    {
        var result = new List<(string, string)>();
        using var it = db.Scan();
        while (await it.MoveNextAsync())
        {
            result.Add((Encoding.UTF8.GetString(it.Key), Encoding.UTF8.GetString(it.Value.Span)));
        }

        return result;
    }

    public void Dispose() => Key.Dispose();
}
