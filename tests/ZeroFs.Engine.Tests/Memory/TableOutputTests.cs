using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Memory;

public sealed class TableOutputTests : IDisposable
{
    private readonly SstFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task LargeTable_StreamsInPartsWithinThreeSegments()
    {
        var pool = new SegmentPool(SstWriterOptions.MinPartBytes, 3);
        var faults = new FaultInjectingObjectStore(_fixture.Store, new FaultPlan());
        var id = SstFixture.NewTableId();
        var random = new Random(5);
        var entries = Enumerable.Range(0, 1400).Select(i =>
        {
            var value = new byte[32 * 1024];
            random.NextBytes(value);
            return (Key: TestData.Key($"k{i:D6}"), Value: value);
        }).ToList();

        SstInfo info;
        var writer = new SstWriter(id, _fixture.Sealer, new SstWriterOptions(), new TableOutput(pool, faults.StartUpload(SstInfo.ObjectKey(id), PutCondition.CreateOnly)));
        await using (writer)
        {
            foreach (var (key, value) in entries)
            {
                writer.Add(key, 1, EntryKind.Put, value);
                if (writer.HasPendingPart)
                {
                    await writer.FlushAsync(CancellationToken.None);
                }
            }

            var built = await writer.FinishAsync(CancellationToken.None);
            Assert.True(built.Put.IsOk);
            info = built.Info;
        }

        Assert.True(info.Size > 40L * 1024 * 1024);
        Assert.True(pool.PeakRentedBytes <= 3L * pool.SegmentBytes, $"peak {pool.PeakRentedBytes}");
        Assert.Equal(0, pool.RentedBytes);
        Assert.True(faults.Steps.Count(s => s.Operation == ObjectStoreOperation.UploadPart) >= 7);
        Assert.Equal(info.Size, (await _fixture.Store.HeadAsync(SstInfo.ObjectKey(id)))!.Size);

        var reader = await _fixture.OpenAsync(info);
        for (var i = 0; i < entries.Count; i += 37)
        {
            var value = new System.Buffers.ArrayBufferWriter<byte>();
            var result = await reader.GetAsync(entries[i].Key, ulong.MaxValue, value);
            Assert.Equal(LookupStatus.Found, result.Status);
            Assert.Equal(entries[i].Value, value.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public async Task EntryLargerThanASegment_BecomesOneBlockAndRoundTrips()
    {
        var huge = new byte[(SstWriterOptions.MinPartBytes * 2) + 12345];
        new Random(9).NextBytes(huge);
        var info = await _fixture.WriteAsync(SstFixture.NewTableId(), [(TestData.Key("a"), 3UL, EntryKind.Put, new byte[100]), (TestData.Key("b"), 2UL, EntryKind.Put, huge), (TestData.Key("c"), 1UL, EntryKind.Delete, [])]);
        var reader = await _fixture.OpenAsync(info);
        var value = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Equal(LookupStatus.Found, (await reader.GetAsync(TestData.Key("b"), ulong.MaxValue, value)).Status);
        Assert.Equal(huge, value.WrittenSpan.ToArray());
        Assert.Equal(LookupStatus.Deleted, (await reader.GetAsync(TestData.Key("c"), ulong.MaxValue, null)).Status);
        Assert.Equal(0, _fixture.Segments.RentedBytes);
    }

    [Fact]
    public async Task AbandonedTable_ReturnsSegmentsAndLeavesNoObject()
    {
        var pool = new SegmentPool(SstWriterOptions.MinPartBytes, 3);
        var id = SstFixture.NewTableId();
        var writer = new SstWriter(id, _fixture.Sealer, new SstWriterOptions(), new TableOutput(pool, _fixture.Store.StartUpload(SstInfo.ObjectKey(id), PutCondition.CreateOnly)));
        await using (writer)
        {
            var value = new byte[64 * 1024];
            for (var i = 0; i < 200; i++)
            {
                writer.Add(TestData.Key($"k{i:D4}"), 1, EntryKind.Put, value);
                if (writer.HasPendingPart)
                {
                    await writer.FlushAsync(CancellationToken.None);
                }
            }
        }

        Assert.Equal(0, pool.RentedBytes);
        Assert.Null(await _fixture.Store.HeadAsync(SstInfo.ObjectKey(id)));
    }
}
