using System.Text;
using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Format;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Sst;

namespace ZeroFs.Engine.Tests.Cache;

public sealed class SingleFlightTests : IDisposable
{
    private readonly SstFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Get_ThirtyTwoConcurrentMissesOfOneBlock_OneGetAndOneUnseal()
    {
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), Entries(200));
        var gated = new GatedObjectStore(_fixture.Store);
        using var cache = new BlockCache(1024 * 1024);
        var reader = await SstReader.OpenAsync(gated, _fixture.Sealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength, cache);
        Assert.Equal(1, gated.Gets); // the meta region

        gated.Close();
        var started = 0;
        var gets = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var value = new PooledBuffer();
            using var _ = value;
            var pending = reader.GetAsync(Key(i % 4), ulong.MaxValue, value);
            Interlocked.Increment(ref started); // the miss has joined (or started) the load by now
            var result = await pending;
            return (result.Status, Value: value.WrittenSpan.ToArray(), Index: i);
        })).ToList();
        while (Volatile.Read(ref started) < 32)
        {
            await Task.Delay(1);
        }

        Assert.Equal(2, gated.Gets);
        gated.Open();
        foreach (var (status, value, index) in await Task.WhenAll(gets))
        {
            Assert.Equal(LookupStatus.Found, status);
            Assert.Equal(Value(index % 4), value);
        }

        Assert.Equal(2, gated.Gets);
        Assert.Equal(1, reader.BlockLoads);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ReadBlock_OneWaiterCancelled_OthersServedOnce()
    {
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), Entries(50));
        var gated = new GatedObjectStore(_fixture.Store);
        using var cache = new BlockCache(1024 * 1024);
        var reader = await SstReader.OpenAsync(gated, _fixture.Sealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength, cache);
        gated.Close();
        using var cts = new CancellationTokenSource();
        var cancelled = reader.ReadBlockAsync(0, cts.Token);
        var kept = reader.ReadBlockAsync(0);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);
        gated.Open();
        var block = await kept;
        Assert.True(block.Length > 0);
        block.Release();
        Assert.Equal(1, reader.BlockLoads);
        Assert.Equal(2, gated.Gets);
    }

    private static byte[] Key(int i) => Encoding.ASCII.GetBytes($"key{i:D5}");

    private static byte[] Value(int i) => Encoding.ASCII.GetBytes($"value-{i}");

    private static IEnumerable<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> Entries(int count) =>
        Enumerable.Range(0, count).Select(i => (Key(i), 5UL, EntryKind.Put, Value(i)));
}
