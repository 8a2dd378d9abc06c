using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Memtable;

namespace ZeroFs.Engine.Tests.Memory;

public sealed class MemtableArenaTests
{
    [Fact]
    public void Release_LastHolder_ReturnsSlabsAndNeverResurrects()
    {
        var pool = new SegmentPool(MemtableArena.SlabBytes, 8);
        var arena = new MemtableArena(pool);
        var (data, offset) = arena.Append("key"u8, new byte[1000]);
        Assert.Equal(MemtableArena.SlabBytes, data.Length);
        Assert.Equal(0, offset);
        Assert.True(arena.TryAcquire());
        arena.ReleaseOwner();
        arena.ReleaseOwner(); // once only
        Assert.Equal(MemtableArena.SlabBytes, pool.RentedBytes); // the reader still holds it
        arena.Release();
        Assert.Equal(0, pool.RentedBytes);
        Assert.Equal(MemtableArena.SlabBytes, pool.RetainedBytes);
        Assert.False(arena.TryAcquire());
    }

    [Fact]
    public void Append_FillsSlabsFrontToBack_LargeEntriesGetTheirOwnArray()
    {
        var pool = new SegmentPool(MemtableArena.SlabBytes, 8);
        var arena = new MemtableArena(pool);
        var (first, a) = arena.Append("k1"u8, "v1"u8);
        var (second, b) = arena.Append("k2"u8, "value2"u8);
        Assert.Same(first, second);
        Assert.Equal(4, b - a);
        Assert.Equal("k2value2"u8.ToArray(), second.AsSpan(b, 8).ToArray());
        var half = new byte[MemtableArena.SlabBytes / 2];
        var (third, _) = arena.Append("k3"u8, half);
        Assert.Same(first, third);
        var (fourth, d) = arena.Append("k4"u8, half); // does not fit the rest: the next slab
        Assert.NotSame(first, fourth);
        Assert.Equal(0, d);
        var big = new byte[MemtableArena.SlabBytes + 1];
        var (own, at) = arena.Append("big"u8, big);
        Assert.Equal(0, at);
        Assert.Equal(3 + big.Length, own.Length);
        Assert.Equal((2L * MemtableArena.SlabBytes) + own.Length, arena.AllocatedBytes);
        arena.ReleaseOwner();
        Assert.Equal(0, pool.RentedBytes);
    }

    [Fact]
    public async Task SkipList_ReleasedTable_RefusesNewReaders()
    {
        var pool = new SegmentPool(MemtableArena.SlabBytes, 8);
        var table = new SkipListMemtable(7, pool);
        table.Insert("a"u8, 1, EntryKind.Put, "x"u8);
        var iterator = table.TryNewIterator();
        Assert.NotNull(iterator);
        table.ReleaseOwner();
        Assert.NotEqual(0, pool.RentedBytes);
        iterator.Dispose();
        iterator.Dispose();
        Assert.Equal(0, pool.RentedBytes);
        Assert.Null(table.TryNewIterator());
        Assert.False(table.TryAcquire());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await iterator.MoveNextAsync());
    }
}
