using ZeroFs.Crypto;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Gc;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Compaction;

/// <summary>Reads manifests directly and checks the tree invariants (10, 11, 15, 16, 17).</summary>
internal static class TreeCheck
{
    public static CompactorOptions CompactorOptions => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        MaxTableBytes = 64 * 1024,
        Sst = new SstWriterOptions { BlockBytes = 4096 },
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 7,
        Gc = new GcOptions { Enabled = false },
    };

    public static GcOptions EagerGc => new()
    {
        Interval = TimeSpan.FromMilliseconds(10),
        WalMinAge = TimeSpan.Zero,
        SstMinAge = TimeSpan.Zero,
        ManifestMinAge = TimeSpan.Zero,
    };

    public static async Task<StoredManifest> LatestAsync(IObjectStore store, DataKey key)
    {
        using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
        return (await new ManifestStore(store, sealer).ReadLatestAsync())!;
    }

    public static async Task<List<StoredManifest>> HistoryAsync(IObjectStore store, DataKey key)
    {
        using var sealer = new BlockSealer(key, KeyDomain.Manifest, CompressionOptions.Default);
        var manifests = new ManifestStore(store, sealer);
        var result = new List<StoredManifest>();
        foreach (var meta in await store.ListAllAsync(ManifestStore.Prefix))
        {
            ManifestStore.TryParseKey(meta.Key, out var id);
            result.Add((await manifests.TryReadAsync(id))!);
        }

        return result;
    }

    /// <summary>Every referenced table exists; no table twice; runs key-ordered, key-disjoint, ids descending.</summary>
    public static async Task AssertWellFormedAsync(IObjectStore store, DbManifest m)
    {
        var all = m.L0.Concat(m.Runs.SelectMany(r => r.Tables)).Select(t => t.Id).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(m.Runs.Select(r => r.Id).OrderByDescending(i => i), m.Runs.Select(r => r.Id));
        Assert.Equal(m.Runs.Length, m.Runs.Select(r => r.Id).Distinct().Count());
        foreach (var run in m.Runs)
        {
            Assert.NotEmpty(run.Tables);
            for (var i = 0; i < run.Tables.Length; i++)
            {
                Assert.True(run.Tables[i].FirstKey.AsSpan().SequenceCompareTo(run.Tables[i].LastKey) <= 0);
                if (i > 0)
                {
                    Assert.True(run.Tables[i - 1].LastKey.AsSpan().SequenceCompareTo(run.Tables[i].FirstKey) < 0, $"run {run.Id} overlaps");
                }
            }
        }

        var present = (await store.ListAllAsync("sst/")).Select(o => o.Key).ToHashSet();
        foreach (var id in all)
        {
            Assert.Contains(SstInfo.ObjectKey(id), present);
        }
    }

    /// <summary>The runs as "id:table,table;..." for comparisons.</summary>
    public static string Shape(DbManifest m) => string.Join(";", m.Runs.Select(r => $"{r.Id}:{string.Join(",", r.Tables.Select(t => t.Id))}"));

    /// <summary>
    /// Invariant 11 over consecutive versions: a writer version prepends at most one L0 table and
    /// keeps runs and marker; a compactor version removes an L0 suffix (marker = its newest) and
    /// keeps the writer's newer L0 tables; no version loses a checkpoint unless GC expired it or
    /// the compactor released its own hold.
    /// </summary>
    public static void AssertMergeRules(List<StoredManifest> history)
    {
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].Id != history[i - 1].Id + 1)
            {
                continue; // GC removed the versions in between
            }

            var (before, after) = (history[i - 1].Manifest, history[i].Manifest);
            Assert.True(after.WriterEpoch >= before.WriterEpoch && after.CompactorEpoch >= before.CompactorEpoch, $"epoch went down at {history[i].Id}");
            Assert.True(after.LastL0Seq >= before.LastL0Seq);
            var l0Before = before.L0.Select(t => t.Id).ToList();
            var l0After = after.L0.Select(t => t.Id).ToList();
            if (after.CreatorRole == CreatorRole.Writer)
            {
                Assert.True(l0After.SequenceEqual(l0Before) || l0After.Skip(1).SequenceEqual(l0Before), $"writer version {history[i].Id} changed L0 beyond a prepend");
                Assert.Equal(Shape(before), Shape(after));
                Assert.Equal(before.LastCompactedL0, after.LastCompactedL0);
            }
            else if (after.CreatorRole == CreatorRole.Compactor)
            {
                Assert.True(l0Before.Take(l0After.Count).SequenceEqual(l0After), $"compactor version {history[i].Id} did not remove an L0 suffix");
                if (l0After.Count < l0Before.Count)
                {
                    Assert.Equal(l0Before[l0After.Count], after.LastCompactedL0);
                }
            }
            else
            {
                Assert.Equal(l0Before, l0After);
                Assert.Equal(Shape(before), Shape(after));
            }

            foreach (var c in before.Checkpoints)
            {
                var removedByRole = after.CreatorRole == CreatorRole.Gc
                    || (after.CreatorRole == CreatorRole.Compactor && c.Name == Compactor.HoldCheckpointName);
                Assert.True(removedByRole || after.Checkpoints.Contains(c), $"checkpoint {c.Id} lost at {history[i].Id}");
            }
        }
    }
}
