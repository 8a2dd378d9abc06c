using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Memory;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Compaction;

public sealed class ReadAheadObjectStoreTests
{
    [Fact]
    public async Task Windows_BoundedPerJob_ServedFromMemory_ReturnedOnDispose()
    {
        var memory = new MemoryObjectStore();
        var counting = new CountingObjectStore(memory);
        var bodies = new Dictionary<string, byte[]>();
        for (var i = 0; i < 5; i++)
        {
            var body = new byte[100_000];
            new Random(i).NextBytes(body);
            bodies[$"sst/{i}"] = body;
            await memory.PutAsync($"sst/{i}", body, PutCondition.Overwrite);
        }

        var counter = new ByteCounter();
        var store = new ReadAheadObjectStore(counting, 64 * 1024, 2, counter);
        await using (store)
        {
            foreach (var (key, body) in bodies)
            {
                for (var offset = 0; offset < 60_000; offset += 10_000)
                {
                    using var got = await store.GetAsync(key, ByteRange.FromOffset(offset, 4096));
                    Assert.True(body.AsSpan(offset, 4096).SequenceEqual(got!.Data.Span));
                }

                Assert.True(counter.Bytes <= 2L * 64 * 1024, $"{counter.Bytes} bytes of windows for at most two");
            }

            Assert.Equal(5, counting.Gets); // one window per object, the rest from memory
        }

        Assert.Equal(0, counter.Bytes);
        Assert.Equal(2L * 64 * 1024, counter.Peak);
    }
}
