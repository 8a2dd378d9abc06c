using System.Collections.Immutable;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Tests.Compaction;

public sealed class CompactionPickerTests
{
    private static readonly CompactorOptions Options = new();
    private static long _next = 1;

    private static TableRef Table(ulong size = 100, ulong tombstones = 0) =>
        new(Ulid.Create(Interlocked.Increment(ref _next), 0, 0), size, 0, 8, [1], [2], 1, 1, 1, tombstones, 1);

    private static ImmutableArray<TableRef> L0(int count) => [.. Enumerable.Range(0, count).Select(_ => Table())];

    private static SortedRun Run(uint id, ulong size) => new(id, [Table(size)]);

    private static List<CompactionJob> Pick(DbManifest m, int slots = 2, HashSet<Ulid>? busyTables = null, HashSet<uint>? busyRuns = null) =>
        CompactionPicker.Pick(m, Options, busyTables ?? [], busyRuns ?? [], slots);

    [Fact]
    public void Pick_FewerThanFourL0_NothingToDo()
    {
        Assert.Empty(Pick(new DbManifest { L0 = L0(3) }));
    }

    [Fact]
    public void Pick_FourL0NoRuns_AllIntoRunOne_DropsTombstones()
    {
        var m = new DbManifest { L0 = L0(4), RetainSeqFloor = 7 };
        var job = Assert.Single(Pick(m));
        Assert.Equal(m.L0, job.L0Sources);
        Assert.Equal(1u, job.OutputRunId);
        Assert.True(job.DropTombstones);
        Assert.Equal(7ul, job.RetainSeqFloor);
        Assert.Equal(m.L0[0].Id, job.NewestL0);
    }

    [Fact]
    public void Pick_TwelveL0_TakesOldestEight_IntoMaxPlusOne_KeepsTombstones()
    {
        var m = new DbManifest { L0 = L0(12), Runs = [Run(5, 1_000_000), Run(2, 100)] };
        var job = Assert.Single(Pick(m));
        Assert.Equal(m.L0.Skip(4), job.L0Sources); // a suffix: the oldest eight, newest first
        Assert.Equal(6u, job.OutputRunId);
        Assert.False(job.DropTombstones);
    }

    [Fact]
    public void Pick_L0JobRunning_NoSecondL0Job()
    {
        var m = new DbManifest { L0 = L0(12) };
        Assert.Empty(Pick(m, busyTables: [m.L0[^1].Id]));
    }

    [Fact]
    public void Pick_FourSimilarRuns_IntoLowestId_BottomDropsTombstones()
    {
        var m = new DbManifest { Runs = [Run(9, 100), Run(8, 150), Run(7, 399), Run(6, 120)] };
        var job = Assert.Single(Pick(m));
        Assert.Equal([9u, 8u, 7u, 6u], job.RunSources.Select(r => r.Id));
        Assert.Equal(6u, job.OutputRunId);
        Assert.True(job.DropTombstones);
    }

    [Fact]
    public void Pick_RunsOutsideRatio_NotTogether()
    {
        // 100, 700 (> 4 × 150) breaks the slice: only three similar runs remain on either side.
        var m = new DbManifest { Runs = [Run(9, 100), Run(8, 150), Run(7, 700), Run(6, 120), Run(5, 130)] };
        Assert.Empty(Pick(m));
    }

    [Fact]
    public void Pick_SimilarRunsAboveALargeOne_ConsecutiveSlice_NotBottom()
    {
        var m = new DbManifest { Runs = [Run(10, 10), Run(9, 11), Run(8, 12), Run(7, 13), Run(1, 1_000_000)] };
        var job = Assert.Single(Pick(m));
        Assert.Equal([10u, 9u, 8u, 7u], job.RunSources.Select(r => r.Id));
        Assert.Equal(7u, job.OutputRunId);
        Assert.False(job.DropTombstones);
    }

    [Fact]
    public void Pick_BusyRun_NeverTwoJobsOnOneSource()
    {
        var m = new DbManifest { Runs = [Run(9, 100), Run(8, 100), Run(7, 100), Run(6, 100), Run(5, 100)] };
        Assert.Empty(Pick(m, busyRuns: [7]));
        var job = Assert.Single(Pick(m, busyRuns: [9]));
        Assert.Equal([8u, 7u, 6u, 5u], job.RunSources.Select(r => r.Id));
    }

    [Fact]
    public void Pick_L0AndRuns_TwoDisjointJobs_RespectsSlots()
    {
        var m = new DbManifest { L0 = L0(4), Runs = [Run(9, 100), Run(8, 100), Run(7, 100), Run(6, 100)] };
        var jobs = Pick(m);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(10u, jobs[0].OutputRunId);
        Assert.Equal(6u, jobs[1].OutputRunId);
        Assert.Empty(jobs[0].L0Sources.Select(t => t.Id).Intersect(jobs[1].Tables.Select(t => t.Id)));
        Assert.Single(Pick(m, slots: 1));
    }

    [Fact]
    public void Pick_EightRunsSimilar_TakesAtMostMaxSources()
    {
        var m = new DbManifest { Runs = [.. Enumerable.Range(1, 9).Reverse().Select(i => Run((uint)i, 100))] };
        var jobs = Pick(m, slots: 1);
        Assert.Equal(8, Assert.Single(jobs).RunSources.Length);
        Assert.False(jobs[0].DropTombstones);
    }

    [Fact]
    public void PickFull_TakesEverything_IntoLowestId()
    {
        var m = new DbManifest { L0 = L0(2), Runs = [Run(4, 100), Run(2, 1_000_000)] };
        var job = CompactionPicker.PickFull(m, new HashSet<Ulid>(), new HashSet<uint>())!;
        Assert.Equal(2, job.L0Sources.Length);
        Assert.Equal(2, job.RunSources.Length);
        Assert.Equal(2u, job.OutputRunId);
        Assert.True(job.DropTombstones);
        Assert.Null(CompactionPicker.PickFull(new DbManifest { Runs = [Run(3, 100)] }, new HashSet<Ulid>(), new HashSet<uint>()));
        Assert.NotNull(CompactionPicker.PickFull(new DbManifest { Runs = [new SortedRun(3, [Table(tombstones: 1)])] }, new HashSet<Ulid>(), new HashSet<uint>()));
    }
}
