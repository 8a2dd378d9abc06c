using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Tests.Cache;

public sealed class BlockCacheTests
{
    [Fact]
    public async Task Insert_RandomConcurrentLoad_StaysWithinBudget()
    {
        const long Budget = 8L * 1024 * 1024;
        using var cache = new BlockCache(Budget);
        var over = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            for (var i = 0; i < 3000; i++)
            {
                var key = TestBlocks.Key(random.Next(4), random.Next(2000) * 100L);
                if (cache.TryGet(key, out var hit))
                {
                    hit.Release();
                    continue;
                }

                var block = TestBlocks.Make(random.Next(100, 60_000), (byte)i);
                cache.Insert(key, block);
                block.Release();
                if (cache.Bytes > Budget)
                {
                    Interlocked.Increment(ref over);
                }
            }
        })));

        Assert.Equal(0, over);
        Assert.InRange(cache.Bytes, 1, Budget);
        Assert.True(cache.Evictions > 0);
        Assert.True(cache.Hits > 0);
    }

    [Fact]
    public void Evict_BlockHeldByReader_StaysValidUntilReleased()
    {
        using var cache = new BlockCache(1024 * 1024);
        var held = new List<(DecodedBlock Block, byte Fill)>();
        for (var i = 0; i < 8; i++)
        {
            var block = TestBlocks.Make(8_000, (byte)(i + 1));
            cache.Insert(TestBlocks.Key(1, i), block);
            block.Release();
            Assert.True(cache.TryGet(TestBlocks.Key(1, i), out var mine));
            held.Add((mine, (byte)(i + 1)));
        }

        // Churn far past the budget with blocks that are read again (so they compete for the main
        // queue): every held block is evicted, and freed buffers get reused.
        for (var i = 0; i < 2000; i++)
        {
            var block = TestBlocks.Make(8_000, 0xEE);
            cache.Insert(TestBlocks.Key(2, i), block);
            block.Release();
            Assert.True(cache.TryGet(TestBlocks.Key(2, i), out var again));
            again.Release();
        }

        Assert.All(held, h => Assert.False(cache.Contains(TestBlocks.Key(1, h.Fill - 1))));
        Assert.All(held, h => Assert.True(TestBlocks.Holds(h.Block, 8_000, h.Fill)));
        foreach (var (block, _) in held)
        {
            block.Release();
            Assert.False(block.TryAddReference()); // the last reference returned the buffer
        }
    }

    [Fact]
    public void Dispose_ReleasesCacheReferencesOnly()
    {
        var cache = new BlockCache(1024 * 1024);
        var block = TestBlocks.Make(1000, 7);
        cache.Insert(TestBlocks.Key(1, 0), block);
        cache.Dispose();
        Assert.True(TestBlocks.Holds(block, 1000, 7));
        Assert.Equal(0, cache.Bytes);
        block.Release();
        Assert.False(block.TryAddReference());
    }

    [Fact]
    public void RemoveTable_DropsOnlyThatTable()
    {
        using var cache = new BlockCache(1024 * 1024);
        for (var t = 0; t < 2; t++)
        {
            for (var i = 0; i < 10; i++)
            {
                var block = TestBlocks.Make(100, 1);
                cache.Insert(TestBlocks.Key(t, i), block);
                block.Release();
            }
        }

        cache.RemoveTable(TestBlocks.Key(0, 0).TableId);
        Assert.Equal(10, cache.Count);
        Assert.False(cache.Contains(TestBlocks.Key(0, 3)));
        Assert.True(cache.Contains(TestBlocks.Key(1, 3)));
    }

    [Fact]
    public void Scan_OneShotSweepOfManyBlocks_KeepsHotSet()
    {
        // Room for ~128 blocks; a hot set of 40 is read over and over while a scan sweeps
        // 20,000 blocks that are each read exactly once.
        using var cache = new BlockCache(128 * (8192 + BlockCache.EntryOverhead));
        const int Hot = 40;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < Hot; i++)
            {
                GetOrLoad(cache, TestBlocks.Key(1, i));
            }
        }

        long hotHits = 0, hotGets = 0;
        for (var i = 0; i < 20_000; i++)
        {
            GetOrLoad(cache, TestBlocks.Key(2, i));
            if (i % 5 == 0)
            {
                hotGets++;
                hotHits += GetOrLoad(cache, TestBlocks.Key(1, i / 5 % Hot)) ? 1 : 0;
            }
        }

        var hitRate = (double)hotHits / hotGets;
        Assert.True(hitRate >= 0.99, $"hot-set hit rate during the scan was {hitRate:P1}");
    }

    private static bool GetOrLoad(BlockCache cache, BlockCacheKey key)
    {
        if (cache.TryGet(key, out var block))
        {
            block.Release();
            return true;
        }

        block = TestBlocks.Make(6000, 3); // a 6000-byte block rents an 8 KiB buffer
        cache.Insert(key, block);
        block.Release();
        return false;
    }
}
