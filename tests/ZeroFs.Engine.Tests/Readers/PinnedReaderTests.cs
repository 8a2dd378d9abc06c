using System.Text;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Tests.Db;
using static ZeroFs.Engine.Tests.Db.DbHarness;

namespace ZeroFs.Engine.Tests.Readers;

public sealed class PinnedReaderTests : IDisposable
{
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Pinned_AfterWritesFlushesAndRestarts_MatchesStateAtCreation()
    {
        var random = new Random(11);
        var model = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var db = await _h.OpenAsync();
        await ApplyRandomAsync(db, model, random, 400);
        var first = await db.CreateCheckpointAsync("first");
        var atFirst = new SortedDictionary<string, string>(model, StringComparer.Ordinal);
        await using var early = await ReaderHarness.PinnedAsync(_h, "first");
        var earlySeq = early.LastSeq;
        await ReaderHarness.AssertMatchesAsync(atFirst, early);

        SortedDictionary<string, string>? atSecond = null;
        CheckpointInfo? second = null;
        for (var generation = 0; generation < 3; generation++)
        {
            await ApplyRandomAsync(db, model, random, 300);
            await db.FlushAsync();
            if (generation == 1)
            {
                second = await db.CreateCheckpointAsync("second", TimeSpan.FromHours(1), CheckpointScope.Durable);
                atSecond = new SortedDictionary<string, string>(model, StringComparer.Ordinal);
            }

            await ApplyRandomAsync(db, model, random, 100);
            await db.DisposeAsync();
            db = await _h.OpenAsync();
        }

        await using (db)
        {
            await ApplyRandomAsync(db, model, random, 200);
            await db.FlushAsync();
            Assert.NotEqual(atFirst, model);

            await using var byId = await ReaderHarness.PinnedAsync(_h, first.Id);
            await using var byName = await ReaderHarness.PinnedAsync(_h, "second");
            await ReaderHarness.AssertMatchesAsync(atFirst, byId);
            await ReaderHarness.AssertMatchesAsync(atFirst, early);
            await ReaderHarness.AssertMatchesAsync(atSecond!, byName);
            Assert.Equal(second!.Id, byName.CheckpointId);
            Assert.Equal(earlySeq, early.LastSeq);
            Assert.Equal(earlySeq, byId.LastSeq);
            await early.RefreshAsync();
            Assert.Equal(earlySeq, early.LastSeq);

            // Keys deleted after the checkpoint are still there; keys written after it are not.
            foreach (var key in atFirst.Keys.Where(k => !model.ContainsKey(k)).Take(10))
            {
                Assert.Equal(atFirst[key], ReaderHarness.Text(await byId.GetValueAsync(Encoding.UTF8.GetBytes(key))));
            }

            foreach (var key in model.Keys.Where(k => !atFirst.ContainsKey(k)).Take(10))
            {
                Assert.Null(await byId.GetValueAsync(Encoding.UTF8.GetBytes(key)));
            }

            // A snapshot of a pinned reader reads the same.
            using var snapshot = byId.GetSnapshot();
            Assert.Equal(earlySeq, snapshot.Seq);
        }
    }

    [Fact]
    public async Task Pinned_WriteApisThrowReadOnly_UnknownCheckpointThrows()
    {
        await using var db = await _h.OpenAsync();
        await db.PutAsync(K(1), V(1));
        var checkpoint = await db.CreateCheckpointAsync("cp");
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ReaderHarness.PinnedAsync(_h, Guid.NewGuid()));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => ReaderHarness.PinnedAsync(_h, "nope"));
        await using var reader = await ReaderHarness.PinnedAsync(_h, checkpoint.Id);
        await Assert.ThrowsAsync<ReadOnlyException>(async () => await reader.PutAsync(K(1), V(2)));
        await Assert.ThrowsAsync<ReadOnlyException>(async () => await reader.DeleteAsync(K(1)));
        await Assert.ThrowsAsync<ReadOnlyException>(async () => await reader.WriteAsync(new WriteBatch().Put(K(3), V(3))));
        await Assert.ThrowsAsync<ReadOnlyException>(() => reader.FlushAsync());
        await Assert.ThrowsAsync<ReadOnlyException>(() => reader.WaitDurableAsync(1));
        await Assert.ThrowsAsync<ReadOnlyException>(() => reader.CreateCheckpointAsync("x"));
        await Assert.ThrowsAsync<ReadOnlyException>(() => reader.RefreshCheckpointAsync(checkpoint.Id, null));
        await Assert.ThrowsAsync<ReadOnlyException>(() => reader.DeleteCheckpointAsync(checkpoint.Id));
        Assert.Equal(V(1), await reader.GetValueAsync(K(1)));
        Assert.Single(await db.ListCheckpointsAsync());
    }

    internal static async Task ApplyRandomAsync(Engine.Db db, SortedDictionary<string, string> model, Random random, int batches)
    {
        for (var b = 0; b < batches; b++)
        {
            var ops = new List<(string Key, string? Value)>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var key = $"k{random.Next(600):D4}";
                var value = random.Next(5) == 0 ? null : $"v{b}-{random.Next()}-" + new string('z', random.Next(200));
                ops.Add((key, value));
            }

            await db.WriteAsync(KvModel.ToBatch(ops));
            foreach (var (key, value) in ops)
            {
                if (value is null)
                {
                    model.Remove(key);
                }
                else
                {
                    model[key] = value;
                }
            }
        }
    }
}
