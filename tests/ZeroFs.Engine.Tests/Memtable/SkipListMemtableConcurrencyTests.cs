using System.Text;

namespace ZeroFs.Engine.Tests.Memtable;

public sealed class SkipListMemtableConcurrencyTests
{
    // Probabilistic guard for the FindGreaterOrEqual re-read race (the follower monotonicity test
    // found it); a miss here does not prove its absence.
    [Fact]
    public async Task Get_WhileNewerVersionsAreInserted_NeverReturnsAVersionAboveTheSnapshot()
    {
        var memtable = new Engine.Memtable.SkipListMemtable(99);
        var key = Encoding.UTF8.GetBytes("counter");
        var published = 0UL;
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var writer = Task.Run(() =>
        {
            for (var seq = 1UL; !stop.IsCancellationRequested && seq < 2_000_000; seq++)
            {
                memtable.Insert(key, seq, EntryKind.Put, BitConverter.GetBytes(seq));
                memtable.Insert(Encoding.UTF8.GetBytes($"other{seq % 97}"), seq, EntryKind.Put, []);
                Volatile.Write(ref published, seq);
            }
        });

        var reads = 0;
        while (!writer.IsCompleted)
        {
            var snapshot = Volatile.Read(ref published);
            var status = memtable.Get(key, snapshot, out var found, out _);
            if (snapshot > 0)
            {
                Assert.Equal(LookupStatus.Found, status);
                Assert.True(found <= snapshot, $"read seq {found} above snapshot {snapshot}");
                Assert.Equal(snapshot, found);
            }

            reads++;
        }

        await writer;
        Assert.True(reads > 1000);
    }
}
