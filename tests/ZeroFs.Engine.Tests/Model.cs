using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Tests;

/// <summary>
/// The reference model: every version of every key, newest first, in a SortedDictionary keyed by
/// user key (ordinal byte order).
/// </summary>
internal sealed class Model
{
    private static readonly Comparer<byte[]> Order = Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b));

    public SortedDictionary<byte[], List<(ulong Seq, EntryKind Kind, byte[] Value)>> Versions { get; } = new(Order);

    public void Add(byte[] key, ulong seq, EntryKind kind, byte[] value)
    {
        if (!Versions.TryGetValue(key, out var list))
        {
            Versions[key] = list = [];
        }

        list.Add((seq, kind, value));
        list.Sort((a, b) => b.Seq.CompareTo(a.Seq));
    }

    /// <summary>All versions in internal order.</summary>
    public IEnumerable<(byte[] Key, ulong Seq, EntryKind Kind, byte[] Value)> Entries() =>
        Versions.SelectMany(kv => kv.Value.Select(v => (kv.Key, v.Seq, v.Kind, v.Value)));

    /// <summary>Newest version with seq ≤ snapshot, or null.</summary>
    public (ulong Seq, EntryKind Kind, byte[] Value)? Get(byte[] key, ulong snapshot)
    {
        if (Versions.TryGetValue(key, out var list))
        {
            foreach (var v in list)
            {
                if (v.Seq <= snapshot)
                {
                    return v;
                }
            }
        }

        return null;
    }

    /// <summary>Visible key/value pairs in [start, end) at snapshot.</summary>
    public List<(byte[] Key, byte[] Value)> Scan(byte[]? start, byte[]? end, ulong snapshot)
    {
        var result = new List<(byte[] Key, byte[] Value)>();
        foreach (var key in Versions.Keys)
        {
            if ((start is not null && key.AsSpan().SequenceCompareTo(start) < 0) || (end is not null && key.AsSpan().SequenceCompareTo(end) >= 0))
            {
                continue;
            }

            if (Get(key, snapshot) is { Kind: EntryKind.Put } v)
            {
                result.Add((key, v.Value));
            }
        }

        return result;
    }

    /// <summary>Random keys with several versions each and some tombstones, seqs unique per key.</summary>
    public static Model Random(Random random, int keys, int maxVersions, ulong maxSeq, int maxValue = 64)
    {
        var model = new Model();
        for (var i = 0; i < keys; i++)
        {
            var key = TestData.RandomKey(random);
            var versions = random.Next(1, maxVersions + 1);
            var seqs = new HashSet<ulong>();
            if (model.Versions.TryGetValue(key, out var existing))
            {
                seqs.UnionWith(existing.Select(v => v.Seq));
            }

            for (var v = 0; v < versions; v++)
            {
                var seq = (ulong)random.NextInt64(1, (long)maxSeq);
                if (seqs.Add(seq))
                {
                    var kind = random.Next(4) == 0 ? EntryKind.Delete : EntryKind.Put;
                    model.Add(key, seq, kind, kind == EntryKind.Delete ? [] : TestData.RandomValue(random, maxValue));
                }
            }
        }

        return model;
    }

    /// <summary>Check that internal order sorts entries the way the model does.</summary>
    public static int CompareEntries((byte[] Key, ulong Seq) a, (byte[] Key, ulong Seq) b) => InternalKey.Compare(a.Key, a.Seq, b.Key, b.Seq);
}
