using System.Collections.Immutable;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Sst;

namespace ZeroFs.Engine.Tests.Compaction;

public sealed class CompactionExecutorTests : IDisposable
{
    private readonly SstFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static (byte[] Key, ulong Seq, EntryKind Kind, byte[] Value) E(string key, ulong seq, string? value) =>
        (TestData.Key(key), seq, value is null ? EntryKind.Delete : EntryKind.Put, value is null ? [] : TestData.Key(value));

    private async Task<TableRef> TableAsync(params (byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)[] entries)
    {
        var sorted = entries.OrderBy(e => e.Key, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ThenByDescending(e => e.Seq);
        return TableRef.FromInfo(await _f.WriteAsync(SstFixture.NewTableId(), sorted));
    }

    private async Task<(ImmutableArray<TableRef> Outputs, List<(string Key, ulong Seq, EntryKind Kind, string Value)> Entries)> RunAsync(
        CompactionJob job, long maxTableBytes = 1024 * 1024)
    {
        var options = new CompactorOptions { MaxTableBytes = Math.Max(maxTableBytes, 64 * 1024), Sst = new SstWriterOptions { BlockBytes = 4096 } };
        var executor = new CompactionExecutor(_f.Store, _f.Sealer, maxTableBytes < 64 * 1024 ? options with { MaxTableBytes = 64 * 1024 } : options, new UlidGenerator(TimeProvider.System, new Random(3)), 1, _f.Segments, new ByteCounter());
        var outputs = await executor.ExecuteAsync(job, CancellationToken.None);
        var readers = await TreeLoader.OpenTablesAsync(_f.Store, _f.Sealer, outputs, CancellationToken.None);
        var entries = new List<(string, ulong, EntryKind, string)>();
        using var it = new RunIterator(new RunReader(job.OutputRunId, [.. outputs.Select(t => readers[t.Id])]));
        for (var ok = await it.SeekToFirstAsync(); ok; ok = await it.MoveNextAsync())
        {
            entries.Add((System.Text.Encoding.UTF8.GetString(it.Key), it.Seq, it.Kind, System.Text.Encoding.UTF8.GetString(it.Value.Span)));
        }

        return (outputs, entries);
    }

    [Fact]
    public async Task Execute_KeepsNewestVersionAndEveryVersionAtOrAboveFloor()
    {
        var newer = await TableAsync(E("a", 10, "a10"), E("b", 12, "b12"), E("c", 3, "c3"));
        var older = await TableAsync(E("a", 8, "a8"), E("a", 4, "a4"), E("b", 2, "b2"), E("c", 1, "c1"));
        var job = new CompactionJob([newer, older], [], 1, DropTombstones: false, RetainSeqFloor: 5);
        var (_, entries) = await RunAsync(job);
        Assert.Equal(
            [("a", 10UL, EntryKind.Put, "a10"), ("a", 8UL, EntryKind.Put, "a8"), ("b", 12UL, EntryKind.Put, "b12"), ("c", 3UL, EntryKind.Put, "c3")],
            entries);
    }

    [Fact]
    public async Task Execute_NotBottom_KeepsNewestTombstones()
    {
        var t = await TableAsync(E("a", 10, null), E("a", 5, "a5"), E("b", 6, null));
        var (_, entries) = await RunAsync(new CompactionJob([t], [], 1, DropTombstones: false, RetainSeqFloor: 100));
        Assert.Equal([("a", 10UL, EntryKind.Delete, ""), ("b", 6UL, EntryKind.Delete, "")], entries);
    }

    [Fact]
    public async Task Execute_Bottom_DropsTombstonesWithNothingBeneath_KeepsThoseSnapshotsNeed()
    {
        // Floor 5: "a" keeps Del@10 over Put@7 (a snapshot at 7..9 sees a7), so the tombstone stays;
        // "b" is only a tombstone plus invisible history: gone; "c" trailing tombstone below a put is trimmed.
        var t = await TableAsync(
            E("a", 10, null), E("a", 7, "a7"), E("a", 2, "a2"),
            E("b", 9, null), E("b", 3, "b3"),
            E("c", 11, "c11"), E("c", 6, null), E("c", 1, "c1"));
        var (_, entries) = await RunAsync(new CompactionJob([t], [], 1, DropTombstones: true, RetainSeqFloor: 5));
        Assert.Equal(
            [("a", 10UL, EntryKind.Delete, ""), ("a", 7UL, EntryKind.Put, "a7"), ("c", 11UL, EntryKind.Put, "c11")],
            entries);
    }

    [Fact]
    public async Task Execute_AllDeletedAtBottom_NoOutputTables()
    {
        var t = await TableAsync(E("a", 10, null), E("a", 5, "a5"), E("b", 6, null));
        var (outputs, entries) = await RunAsync(new CompactionJob([t], [], 1, DropTombstones: true, RetainSeqFloor: 100));
        Assert.Empty(outputs);
        Assert.Empty(entries);
    }

    [Fact]
    public async Task Execute_CutsTablesAtUserKeyBoundaries_KeyDisjointAndOrdered()
    {
        // 200 keys × 5 versions × 1 KiB values, floor 0 keeps every version: ~1 MiB → several 64 KiB tables.
        var entries = new List<(byte[], ulong, EntryKind, byte[])>();
        var random = new Random(5);
        for (var k = 0; k < 200; k++)
        {
            for (var v = 0; v < 5; v++)
            {
                var value = new byte[1024];
                random.NextBytes(value);
                entries.Add((TestData.Key($"k{k:D4}"), (ulong)(1 + (k * 5) + v), EntryKind.Put, value));
            }
        }

        var t1 = await TableAsync([.. entries.Where((_, i) => i % 2 == 0)]);
        var t2 = await TableAsync([.. entries.Where((_, i) => i % 2 == 1)]);
        var (outputs, read) = await RunAsync(new CompactionJob([t1, t2], [], 1, false, 0), 64 * 1024);
        Assert.True(outputs.Length >= 8, $"only {outputs.Length} tables");
        Assert.Equal(1000, read.Count);
        for (var i = 1; i < outputs.Length; i++)
        {
            // Key-disjoint and ordered: no user key spans two tables (invariant 15).
            Assert.True(outputs[i - 1].LastKey.AsSpan().SequenceCompareTo(outputs[i].FirstKey) < 0);
        }

        Assert.All(outputs.SkipLast(1), t => Assert.InRange((long)t.Size, 64 * 1024, (64 * 1024) + (16 * 1024)));

    }
}
