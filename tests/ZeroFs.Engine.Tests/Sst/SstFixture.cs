using ZeroFs.Crypto;
using ZeroFs.Engine.Memory;
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

    public SegmentPool Segments { get; } = new(SstWriterOptions.MinPartBytes, 3);

    public static Ulid NewTableId() => Ulid.Create(Interlocked.Increment(ref _clock), 0x1234, 0x5678);

    public async Task<SstInfo> WriteAsync(
        Ulid id, IEnumerable<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> sortedEntries, SstWriterOptions? options = null)
    {
        await using var writer = NewWriter(id, options);
        foreach (var e in sortedEntries)
        {
            writer.Add(e.Key, e.Seq, e.Kind, e.Value);
            if (writer.HasPendingPart)
            {
                await writer.FlushAsync(CancellationToken.None);
            }
        }

        var built = await writer.FinishAsync(CancellationToken.None);
        Assert.True(built.Put.IsOk);
        return built.Info;
    }

    /// <summary>A writer streaming table <paramref name="id"/> into the store (create-only).</summary>
    public SstWriter NewWriter(Ulid id, SstWriterOptions? options = null)
    {
        options ??= new SstWriterOptions();
        var upload = Store.StartUpload(SstInfo.ObjectKey(id), PutCondition.CreateOnly);
        return new SstWriter(id, Sealer, options, new TableOutput(Segments, upload));
    }

    public Task<SstReader> OpenAsync(SstInfo info, IBlockCache? cache = null) =>
        SstReader.OpenAsync(Store, Sealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength, cache);

    public void Dispose()
    {
        Sealer.Dispose();
        Key.Dispose();
    }
}
