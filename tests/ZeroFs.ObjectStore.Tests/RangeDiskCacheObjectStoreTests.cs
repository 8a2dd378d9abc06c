using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

public sealed class RangeDiskCacheObjectStoreTests : IDisposable
{
    private const int Part = 4096;
    private const string Key = "sst/01HTABLE.sst";
    private readonly TempDirectory _directory = new();
    private readonly MemoryObjectStore _memory = new();
    private readonly CountingStore _inner;
    private readonly byte[] _body;

    public RangeDiskCacheObjectStoreTests()
    {
        _inner = new CountingStore(_memory);
        _body = new byte[(Part * 5) + 123];
        new Random(5).NextBytes(_body);
    }

    public void Dispose() => _directory.Dispose();

    private RangeDiskCacheObjectStore NewCache(long budget = 1024 * 1024, bool admitOnPut = true) =>
        new(_inner, "store-1", new DiskCacheOptions(_directory.Path, budget, Part, AdmitOnPut: admitOnPut), TimeProvider.System);

    private async Task PutInnerAsync() => await _memory.PutAsync(Key, _body, PutCondition.CreateOnly);

    public static TheoryData<long, long> Edges()
    {
        var data = new TheoryData<long, long>();
        long[] offsets = [0, 1, Part - 1, Part, Part + 1, (2 * Part) - 1, 5 * Part, (5 * Part) + 122, (5 * Part) + 123, (5 * Part) + 200];
        long[] lengths = [0, 1, Part - 1, Part, Part + 1, 3 * Part, 100_000];
        foreach (var o in offsets)
        {
            foreach (var l in lengths)
            {
                data.Add(o, l);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task Get_RangeAtEveryEdge_ColdAndWarm_MatchesInner(long offset, long length)
    {
        await PutInnerAsync();
        var cache = NewCache();
        using var expected = await _memory.GetAsync(Key, ByteRange.FromOffset(offset, length));
        for (var round = 0; round < 2; round++)
        {
            using var got = await cache.GetAsync(Key, ByteRange.FromOffset(offset, length));
            Assert.NotNull(got);
            Assert.Equal(expected!.RangeStart, got.RangeStart);
            Assert.Equal(expected.ToArray(), got.ToArray());
            Assert.Equal(_body.Length, got.Meta.Size);
            Assert.Equal(expected.Meta.ETag, got.Meta.ETag);
        }
    }

    [Fact]
    public async Task Get_SuffixAndWholeReads_MatchInner()
    {
        await PutInnerAsync();
        var cache = NewCache();
        using (var first = await cache.GetAsync(Key, ByteRange.FromOffset(0, 10)))
        {
            Assert.Equal(_body[..10], first!.ToArray());
        }

        using var suffix = await cache.GetAsync(Key, ByteRange.Suffix(5000));
        Assert.Equal(_body[^5000..], suffix!.ToArray());
        using var whole = await cache.GetAsync(Key);
        Assert.Equal(_body, whole!.ToArray());
    }

    [Fact]
    public async Task Restart_SecondInstance_ServesFromDiskWithoutInnerGets()
    {
        await PutInnerAsync();
        var first = NewCache();
        using (var warm = await first.GetAsync(Key, ByteRange.FromOffset(0, _body.Length)))
        {
            Assert.Equal(_body, warm!.ToArray());
        }

        var before = _inner.Gets;
        var second = NewCache();
        Assert.Equal(first.CachedBytes, second.CachedBytes);
        using var again = await second.GetAsync(Key, ByteRange.FromOffset(Part - 7, 3 * Part));
        Assert.Equal(_body.AsSpan(Part - 7, 3 * Part).ToArray(), again!.ToArray());
        using var tail = await second.GetAsync(Key, ByteRange.FromOffset(5 * Part, 500));
        Assert.Equal(_body[(5 * Part)..], tail!.ToArray());
        Assert.Equal(before, _inner.Gets);
    }

    [Fact]
    public async Task Get_MissingParts_CoalescedIntoOneRangedGet()
    {
        await PutInnerAsync();
        var cache = NewCache();
        using (var middle = await cache.GetAsync(Key, ByteRange.FromOffset((2 * Part) + 5, 10)))
        {
            Assert.Equal(1, _inner.Gets);
        }

        _inner.Ranges.Clear();
        using var all = await cache.GetAsync(Key, ByteRange.FromOffset(0, _body.Length));
        Assert.Equal(_body, all!.ToArray());

        // Parts 0-1 and 3-5 are missing: two runs, two GETs, part 2 from disk.
        Assert.Equal([ByteRange.FromOffset(0, 2 * Part), ByteRange.FromOffset(3 * Part, 3 * Part)], _inner.Ranges);
    }

    [Fact]
    public async Task Budget_ManyObjects_EvictsLeastRecentlyUsed()
    {
        var cache = NewCache(budget: 10 * (Part + 200), admitOnPut: false);
        for (var i = 0; i < 40; i++)
        {
            await _memory.PutAsync($"sst/{i:D3}.sst", _body.AsMemory(0, Part), PutCondition.CreateOnly);
            using var got = await cache.GetAsync($"sst/{i:D3}.sst", ByteRange.FromOffset(0, Part));
            Assert.Equal(_body[..Part], got!.ToArray());
            Assert.InRange(cache.CachedBytes, 1, 10 * (Part + 200));
        }

        var files = Directory.GetFiles(_directory.Path, "p*", SearchOption.AllDirectories);
        Assert.InRange(files.Length, 1, 10);
        Assert.Equal(cache.CachedBytes, files.Sum(f => new FileInfo(f).Length));
        Assert.True(File.Exists(cache.PartPath("sst/039.sst", 0)));
        Assert.False(File.Exists(cache.PartPath("sst/000.sst", 0)));
    }

    [Fact]
    public async Task Get_FlippedByteInPart_RefetchedAndCorrect()
    {
        await PutInnerAsync();
        var cache = NewCache();
        using (var warm = await cache.GetAsync(Key, ByteRange.FromOffset(Part, Part)))
        {
            Assert.Equal(1, _inner.Gets);
        }

        var path = cache.PartPath(Key, 1);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^100] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);

        using var got = await cache.GetAsync(Key, ByteRange.FromOffset(Part, Part));
        Assert.Equal(_body.AsSpan(Part, Part).ToArray(), got!.ToArray());
        Assert.Equal(2, _inner.Gets);
        using var again = await cache.GetAsync(Key, ByteRange.FromOffset(Part, Part));
        Assert.Equal(_body.AsSpan(Part, Part).ToArray(), again!.ToArray());
        Assert.Equal(2, _inner.Gets); // the refetched part was cached again
    }

    [Fact]
    public async Task Get_UncachedPrefix_PassesThroughAndWritesNothing()
    {
        await _memory.PutAsync("manifest/00000000000000000001.manifest", _body, PutCondition.CreateOnly);
        await _memory.PutAsync("wal/00000000000000000001.wal", _body, PutCondition.CreateOnly);
        var cache = NewCache();
        for (var i = 0; i < 2; i++)
        {
            using var m = await cache.GetAsync("manifest/00000000000000000001.manifest", ByteRange.FromOffset(0, 100));
            using var w = await cache.GetAsync("wal/00000000000000000001.wal");
            Assert.Equal(_body, w!.ToArray());
        }

        Assert.Equal(4, _inner.Gets);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAndDelete_AdmitOnPutThenDeleteDropsParts()
    {
        var cache = NewCache();
        Assert.True((await cache.PutAsync(Key, _body, PutCondition.CreateOnly)).IsOk);
        using (var got = await cache.GetAsync(Key, ByteRange.FromOffset(100, 3 * Part)))
        {
            Assert.Equal(_body.AsSpan(100, 3 * Part).ToArray(), got!.ToArray());
        }

        Assert.Equal(0, _inner.Gets);
        Assert.Equal(6, Directory.GetFiles(_directory.Path, "p*", SearchOption.AllDirectories).Length);

        await cache.DeleteAsync(Key);
        Assert.Empty(Directory.GetFiles(_directory.Path, "p*", SearchOption.AllDirectories));
        Assert.Equal(0, cache.CachedBytes);
        Assert.Null(await cache.GetAsync(Key, ByteRange.FromOffset(0, 10)));
    }

    [Fact]
    public async Task Get_ConcurrentReadersOfOnePart_FetchOnce()
    {
        await PutInnerAsync();
        var cache = NewCache();
        using (await cache.GetAsync(Key, ByteRange.FromOffset(0, 1)))
        {
            // learn the object (part 0)
        }

        _inner.Close();
        var readers = Enumerable.Range(0, 16).Select(i => cache.GetAsync(Key, ByteRange.FromOffset((3 * Part) + i, 100))).ToList();
        await Task.Delay(50);
        _inner.Open();
        foreach (var (reader, i) in readers.Select((r, i) => (r, i)))
        {
            using var got = await reader;
            Assert.Equal(_body.AsSpan((3 * Part) + i, 100).ToArray(), got!.ToArray());
        }

        Assert.Equal(2, _inner.Gets);
    }

    [Fact]
    public async Task Get_CacheDirectoryUnwritable_ServesFromInner()
    {
        await PutInnerAsync();
        var cache = NewCache();

        // A file where the object's part directory should be: every part write fails.
        var blocker = Path.GetDirectoryName(cache.PartPath(Key, 0))!;
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllBytesAsync(blocker, [1]);
        for (var i = 0; i < 2; i++)
        {
            using var got = await cache.GetAsync(Key, ByteRange.FromOffset(10, 2 * Part));
            Assert.Equal(_body.AsSpan(10, 2 * Part).ToArray(), got!.ToArray());
        }

        Assert.Equal(2, _inner.Gets);
        Assert.Equal(0, cache.CachedBytes);
    }
}
