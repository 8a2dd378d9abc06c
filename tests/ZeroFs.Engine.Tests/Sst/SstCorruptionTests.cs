using ZeroFs.Crypto;
using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Sst;

public sealed class SstCorruptionTests : IDisposable
{
    private readonly SstFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Read_FlippedByteAnywhereBeforeTail_ThrowsCorruptionNeverWrongData()
    {
        var model = Model.Random(new Random(61), 1500, 3, 1000);
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), model.Entries(), new SstWriterOptions { BlockBytes = 4096 });
        var key = SstInfo.ObjectKey(info.TableId);
        using var original = (await _fixture.Store.GetAsync(key))!;
        var pristine = original.ToArray();
        var random = new Random(62);
        var positions = Enumerable.Range(0, 40).Select(_ => random.Next((int)info.Size - SstTail.Length))
            .Concat([0, (int)info.MetaOffset, (int)info.MetaOffset + 3, (int)info.MetaOffset + 8, (int)info.Size - SstTail.Length - 1]);
        foreach (var position in positions)
        {
            var damaged = pristine.ToArray();
            damaged[position] ^= 0x20;
            var store = new MemoryObjectStore();
            await store.PutAsync(key, damaged, PutCondition.Overwrite);
            await Assert.ThrowsAsync<CorruptionException>(() => ReadEverythingAsync(store, info, model));
        }
    }

    [Fact]
    public async Task Read_FlippedTailByte_ReadTailThrowsCorruption()
    {
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), Model.Random(new Random(63), 20, 1, 100).Entries());
        var key = SstInfo.ObjectKey(info.TableId);
        using var original = (await _fixture.Store.GetAsync(key))!;
        for (var i = 0; i < SstTail.Length; i++)
        {
            var damaged = original.ToArray();
            damaged[damaged.Length - SstTail.Length + i] ^= 0x01;
            var store = new MemoryObjectStore();
            await store.PutAsync(key, damaged, PutCondition.Overwrite);
            await Assert.ThrowsAsync<CorruptionException>(() => SstReader.ReadTailAsync(store, info.TableId));
        }
    }

    [Fact]
    public async Task Open_TableCopiedUnderAnotherId_FailsAuthentication()
    {
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), Model.Random(new Random(64), 20, 1, 100).Entries());
        using var bytes = (await _fixture.Store.GetAsync(SstInfo.ObjectKey(info.TableId)))!;
        var otherId = SstFixture.NewTableId();
        await _fixture.Store.PutAsync(SstInfo.ObjectKey(otherId), bytes.ToArray(), PutCondition.CreateOnly);
        await Assert.ThrowsAsync<CorruptionException>(() => _fixture.OpenAsync(info with { TableId = otherId }));
    }

    [Fact]
    public async Task Open_WrongDataKey_ThrowsWrongKey()
    {
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), Model.Random(new Random(65), 20, 1, 100).Entries());
        using var otherKey = DataKey.Generate();
        using var otherSealer = new BlockSealer(otherKey, KeyDomain.Sst, new CompressionOptions());
        await Assert.ThrowsAsync<WrongKeyException>(
            () => SstReader.OpenAsync(_fixture.Store, otherSealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength));
    }

    private async Task ReadEverythingAsync(IObjectStore store, SstInfo info, Model model)
    {
        var reader = await SstReader.OpenAsync(store, _fixture.Sealer, info.TableId, info.Size, info.MetaOffset, info.MetaLength);
        foreach (var (key, _) in model.Versions)
        {
            using var value = new PooledBuffer();
            var result = await reader.GetAsync(key, ulong.MaxValue, value);
            var expected = model.Get(key, ulong.MaxValue)!.Value;
            Assert.Equal(expected.Seq, result.Seq); // any successful read must be correct
            Assert.Equal(expected.Kind == EntryKind.Put ? expected.Value : [], value.WrittenSpan.ToArray());
        }

        using var scan = new VisibleIterator(new SstIterator(reader), ulong.MaxValue, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        while (await scan.MoveNextAsync())
        {
        }
    }
}
