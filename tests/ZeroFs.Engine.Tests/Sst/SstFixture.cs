using ZeroFs.Crypto;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Sst;

/// <summary>Writes tables through the real sealer into a real in-memory store.</summary>
internal sealed class SstFixture : IDisposable
{
    private static long _clock = 1_700_000_000_000;

    public SstFixture()
    {
        Key = DataKey.Generate();
        Sealer = new BlockSealer(Key, KeyDomain.Sst, new CompressionOptions(CompressionCodec.Lz4));
        Store = new CountingObjectStore(new MemoryObjectStore());
    }

    public DataKey Key { get; }

    public BlockSealer Sealer { get; }

    public CountingObjectStore Store { get; }

    public static Ulid NewTableId() => Ulid.Create(Interlocked.Increment(ref _clock), 0x1234, 0x5678);

    public async Task<SstInfo> WriteAsync(
        Ulid id, IEnumerable<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> sortedEntries, SstWriterOptions? options = null)
    {
        using var writer = new SstWriter(id, Sealer, options ?? new SstWriterOptions());
        foreach (var e in sortedEntries)
        {
            writer.Add(e.Key, e.Seq, e.Kind, e.Value);
        }

        using var built = writer.Finish();
        var put = await Store.PutAsync(SstInfo.ObjectKey(id), built.Body, PutCondition.CreateOnly);
        Assert.True(put.IsOk);
        return built.Info;
    }

    public Task<SstReader> OpenAsync(SstInfo info, IBlockCache? cache = null) =>
        SstReader.OpenAsync(Store, Sealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength, cache);

    public void Dispose()
    {
        Sealer.Dispose();
        Key.Dispose();
    }
}
