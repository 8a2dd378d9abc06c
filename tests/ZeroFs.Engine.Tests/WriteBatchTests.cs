using ZeroFs.Engine.Memtable;

namespace ZeroFs.Engine.Tests;

public class WriteBatchTests
{
    [Fact]
    public void Put_SameKeyTwice_LastWriteWinsInPlace()
    {
        var batch = new WriteBatch().Put("a"u8, "1"u8).Put("b"u8, "2"u8).Delete("a"u8);
        Assert.Equal(2, batch.Count);
        Assert.Equal(EntryKind.Delete, batch[0].Kind);
        Assert.Equal(3, batch.ApproximateBytes); // b=2 plus tombstone a=1
        batch.Put("a"u8, "333"u8);
        Assert.Equal(6, batch.ApproximateBytes);
    }

    [Fact]
    public void Put_KeyOrValueOutsideLimits_Throws()
    {
        var batch = new WriteBatch();
        Assert.Throws<ArgumentException>(() => batch.Put([], "v"u8));
        Assert.Throws<ArgumentException>(() => batch.Put(new byte[KeyLimits.MaxKeyLength + 1], []));
        Assert.Throws<ArgumentException>(() => batch.Delete(new byte[KeyLimits.MaxKeyLength + 1]));
        batch.Put(new byte[KeyLimits.MaxKeyLength], []); // the limit itself is allowed
        Assert.Equal(1, batch.Count);
    }

    [Fact]
    public void Apply_Batch_AllEntriesShareTheBatchSeq()
    {
        var batch = new WriteBatch().Put("a"u8, "1"u8).Delete("b"u8);
        var table = new SkipListMemtable();
        table.Apply(batch, 42);
        Assert.Equal(LookupStatus.NotFound, table.Get("a"u8, 41, out _, out _));
        Assert.Equal(LookupStatus.Found, table.Get("a"u8, 42, out var seq, out _));
        Assert.Equal(42UL, seq);
        Assert.Equal(LookupStatus.Deleted, table.Get("b"u8, 42, out _, out _));
    }
}
