using ZeroFs.Engine.Format;
using ZeroFs.Engine.Memtable;

namespace ZeroFs.Engine.Tests.Memtable;

public class SkipListMemtableTests
{
    [Fact]
    public void Get_MultipleVersions_ReturnsNewestAtOrBelowSnapshot()
    {
        var table = new SkipListMemtable();
        table.Insert("k"u8, 10, EntryKind.Put, "v10"u8);
        table.Insert("k"u8, 20, EntryKind.Delete, []);
        table.Insert("k"u8, 30, EntryKind.Put, "v30"u8);
        table.Insert("j"u8, 25, EntryKind.Put, "j"u8);

        Assert.Equal(LookupStatus.NotFound, table.Get("k"u8, 9, out _, out _));
        Assert.Equal(LookupStatus.Found, table.Get("k"u8, 19, out var seq, out var value));
        Assert.Equal((10UL, "v10"), (seq, System.Text.Encoding.UTF8.GetString(value.Span)));
        Assert.Equal(LookupStatus.Deleted, table.Get("k"u8, 29, out seq, out _));
        Assert.Equal(20UL, seq);
        Assert.Equal(LookupStatus.Found, table.Get("k"u8, ulong.MaxValue, out seq, out _));
        Assert.Equal(30UL, seq);
        Assert.Equal(LookupStatus.NotFound, table.Get("kk"u8, ulong.MaxValue, out _, out _));
        Assert.Equal(4, table.Count);
        Assert.Equal((10UL, 30UL), (table.MinSeq, table.MaxSeq));
        Assert.True(table.ApproximateBytes > 4 * 3);
    }

    [Fact]
    public void Insert_DuplicateKeyAndSeq_Throws()
    {
        var table = new SkipListMemtable();
        table.Insert("k"u8, 1, EntryKind.Put, []);
        Assert.Throws<InvalidOperationException>(() => table.Insert("k"u8, 1, EntryKind.Put, []));
        table.Freeze();
        Assert.Throws<InvalidOperationException>(() => table.Insert("k"u8, 2, EntryKind.Put, []));
    }

    [Fact]
    public async Task Iterate_RandomInserts_InternalOrder()
    {
        var random = new Random(71);
        var table = new SkipListMemtable(seed: 5);
        var model = Model.Random(random, 2000, 3, 100_000);
        foreach (var e in model.Entries().OrderBy(_ => random.Next()))
        {
            table.Insert(e.Key, e.Seq, e.Kind, e.Value);
        }

        using var it = table.NewIterator();
        var expected = model.Entries().ToList();
        var i = 0;
        for (var ok = await it.SeekToFirstAsync(); ok; ok = await it.MoveNextAsync(), i++)
        {
            Assert.Equal(expected[i].Key, it.Key.ToArray());
            Assert.Equal(expected[i].Seq, it.Seq);
            Assert.Equal(expected[i].Value, it.Value.ToArray());
        }

        Assert.Equal(expected.Count, i);
    }

    [Fact]
    public async Task ConcurrentReaders_WhileOneWriterInserts_SeeOrderedCompleteEntries()
    {
        var table = new SkipListMemtable(seed: 9);
        const int Writes = 60_000;
        var published = 0L; // the writer's "visible seq": batches <= this are complete
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var snapshot = (ulong)Volatile.Read(ref published);
                // Point reads: every published key must be found with its exact, untorn value.
                if (snapshot > 0)
                {
                    var seq = (ulong)random.NextInt64(1, (long)snapshot + 1);
                    var key = KeyFor(seq);
                    if (table.Get(key, snapshot, out var found, out var value) != LookupStatus.Found || found != seq || !value.Span.SequenceEqual(ValueFor(seq)))
                    {
                        failures.Enqueue($"get {seq} at {snapshot}");
                    }
                }

                // Scans: strictly increasing internal order, each value consistent with its key.
                var node = table.First;
                byte[]? previousKey = null;
                ulong previousSeq = 0;
                var steps = 0;
                while (node is not null && steps++ < 2000)
                {
                    if (previousKey is not null && InternalKey.Compare(previousKey, previousSeq, node.Key, node.Seq) >= 0)
                    {
                        failures.Enqueue("order");
                    }

                    if (!node.Value.Span.SequenceEqual(ValueFor(node.Seq)))
                    {
                        failures.Enqueue("torn value");
                    }

                    previousKey = node.Key.ToArray();
                    previousSeq = node.Seq;
                    node = Volatile.Read(ref node.Next[0]);
                }
            }
        })).ToArray();

        var order = Enumerable.Range(1, Writes).Select(i => (ulong)i).OrderBy(_ => Guid.NewGuid()).ToArray();
        // Keys are inserted in random key order, but each seq is "published" only after its insert.
        var inserted = new bool[Writes + 1];
        var high = 0UL;
        foreach (var seq in order)
        {
            table.Insert(KeyFor(seq), seq, EntryKind.Put, ValueFor(seq));
            inserted[seq] = true;
            while (high < Writes && inserted[high + 1])
            {
                high++;
            }

            Volatile.Write(ref published, (long)high);
        }

        await Task.Delay(50);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.Equal(Writes, table.Count);
    }

    private static byte[] KeyFor(ulong seq) => System.Text.Encoding.ASCII.GetBytes($"k{seq * 7919 % 100_003:D6}/{seq}");

    private static byte[] ValueFor(ulong seq)
    {
        var value = new byte[(int)(seq % 40) + 1];
        Array.Fill(value, (byte)seq);
        return value;
    }
}
