using System.Text;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>The reference for crash tests: committed batches by seq; the state is a prefix of them.</summary>
internal sealed class KvModel
{
    private readonly SortedDictionary<ulong, List<(string Key, string? Value)>> _batches = [];

    public ulong DurableSeq { get; set; }

    public void Commit(ulong seq, List<(string Key, string? Value)> ops) => _batches[seq] = ops;

    /// <summary>Forgets batches after <paramref name="seq"/> (they were lost in a crash, never acknowledged durable).</summary>
    public void TruncateAfter(ulong seq)
    {
        Assert.True(seq >= DurableSeq, $"recovered seq {seq} is below the durable seq {DurableSeq}: a durable write was lost");
        foreach (var s in _batches.Keys.Where(s => s > seq).ToList())
        {
            _batches.Remove(s);
        }

        DurableSeq = seq;
    }

    public SortedDictionary<string, string> State() => StateAt(ulong.MaxValue);

    /// <summary>The state after every batch with seq ≤ <paramref name="seq"/>.</summary>
    public SortedDictionary<string, string> StateAt(ulong seq)
    {
        var state = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var ops in _batches.Where(b => b.Key <= seq).Select(b => b.Value))
        {
            foreach (var (key, value) in ops)
            {
                if (value is null)
                {
                    state.Remove(key);
                }
                else
                {
                    state[key] = value;
                }
            }
        }

        return state;
    }

    public static WriteBatch ToBatch(List<(string Key, string? Value)> ops)
    {
        var batch = new WriteBatch();
        foreach (var (key, value) in ops)
        {
            if (value is null)
            {
                batch.Delete(Encoding.UTF8.GetBytes(key));
            }
            else
            {
                batch.Put(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));
            }
        }

        return batch;
    }

    public async Task AssertMatchesAsync(Engine.Db db)
    {
        var expected = State();
        var actual = await DbHarness.ScanAllAsync(db);
        Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)).ToList(), actual);
        foreach (var (key, value) in expected.Take(20))
        {
            Assert.Equal(value, Encoding.UTF8.GetString((await db.GetValueAsync(Encoding.UTF8.GetBytes(key)))!));
        }
    }
}
