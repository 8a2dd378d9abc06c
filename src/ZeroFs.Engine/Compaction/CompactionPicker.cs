using System.Collections.Immutable;
using ZeroFs.Engine.Manifest;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// The size-tiered picker (ENGINE.md §9, SlateDB's rules): ≥ MinSources L0 tables → the oldest
/// ≤ MaxSources into a new run (id = max + 1); ≥ MinSources consecutive runs whose sizes are
/// within SizeRatio of the slice's smallest → into the lowest id among them. Never two jobs on one
/// source, at most one L0 job at a time, every job a consecutive slice. Pure: no I/O.
/// </summary>
internal static class CompactionPicker
{
    /// <summary>
    /// Jobs to start now on <paramref name="manifest"/>, at most <paramref name="slots"/>, avoiding
    /// the sources of running jobs (<paramref name="busyTables"/>, <paramref name="busyRuns"/>).
    /// </summary>
    internal static List<CompactionJob> Pick(
        DbManifest manifest, CompactorOptions options, IReadOnlySet<Ulid> busyTables, IReadOnlySet<uint> busyRuns, int slots)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var jobs = new List<CompactionJob>();
        if (slots <= 0)
        {
            return jobs;
        }

        // L0: only when no L0 job runs (a second one would need a run id between two others).
        if (manifest.L0.Length >= options.MinSources && !manifest.L0.Any(t => busyTables.Contains(t.Id)))
        {
            var take = Math.Min(manifest.L0.Length, options.MaxSources);
            var sources = manifest.L0.RemoveRange(0, manifest.L0.Length - take);
            var outputId = manifest.Runs.IsEmpty ? 1 : manifest.Runs.Max(r => r.Id) + 1;
            jobs.Add(new CompactionJob(sources, [], outputId, manifest.Runs.IsEmpty, manifest.RetainSeqFloor));
        }

        var taken = new HashSet<uint>(busyRuns);
        var runs = manifest.Runs;
        for (var start = 0; start < runs.Length && jobs.Count < slots; start++)
        {
            var slice = LongestSimilarSlice(runs, start, options, taken);
            if (slice < options.MinSources)
            {
                continue;
            }

            var sources = runs.Slice(start, slice);
            foreach (var run in sources)
            {
                taken.Add(run.Id);
            }

            var oldest = start + slice == runs.Length;
            jobs.Add(new CompactionJob([], sources, sources[^1].Id, oldest, manifest.RetainSeqFloor));
            start += slice - 1;
        }

        return jobs.Count > slots ? jobs.GetRange(0, slots) : jobs;
    }

    /// <summary>
    /// A manual full compaction: every L0 table and every run into one bottom run (tombstones
    /// dropped), or null when there is nothing to merge or a job is running.
    /// </summary>
    internal static CompactionJob? PickFull(DbManifest manifest, IReadOnlySet<Ulid> busyTables, IReadOnlySet<uint> busyRuns)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (busyTables.Count > 0 || busyRuns.Count > 0)
        {
            return null;
        }

        var tombstones = manifest.L0.Concat(manifest.Runs.SelectMany(r => r.Tables)).Any(t => t.Tombstones > 0);
        if (manifest.L0.IsEmpty && (manifest.Runs.Length == 0 || (manifest.Runs.Length == 1 && !tombstones)))
        {
            return null;
        }

        var outputId = manifest.Runs.IsEmpty ? 1 : manifest.Runs.Min(r => r.Id);
        return new CompactionJob(manifest.L0, manifest.Runs, outputId, true, manifest.RetainSeqFloor);
    }

    /// <summary>Bytes of a run (sum of its tables).</summary>
    internal static ulong Size(SortedRun run) => run.Tables.Aggregate(0UL, (sum, t) => sum + t.Size);

    // Length of the longest slice from `start` (≤ MaxSources, no taken run) whose sizes stay within
    // SizeRatio × the slice's smallest.
    private static int LongestSimilarSlice(ImmutableArray<SortedRun> runs, int start, CompactorOptions options, HashSet<uint> taken)
    {
        var min = ulong.MaxValue;
        var max = 0UL;
        var length = 0;
        for (var i = start; i < runs.Length && length < options.MaxSources; i++)
        {
            if (taken.Contains(runs[i].Id))
            {
                break;
            }

            var size = Math.Max(Size(runs[i]), 1);
            var newMin = Math.Min(min, size);
            var newMax = Math.Max(max, size);
            if (newMax > newMin * options.SizeRatio)
            {
                break;
            }

            (min, max) = (newMin, newMax);
            length++;
        }

        return length;
    }
}
