using BenchmarkDotNet.Attributes;
using ZeroFs.Engine;
using ZeroFs.Engine.Memtable;

namespace ZeroFs.Benchmarks.Engine;

/// <summary>Skiplist memtable insert and point get at 100k entries.</summary>
[MemoryDiagnoser]
public class MemtableBenchmarks
{
    private const int Entries = 100_000;
    private SkipListMemtable _table = null!;
    private SkipListMemtable _insertTable = null!;
    private byte[][] _keys = [];
    private readonly byte[] _value = new byte[64];
    private ulong _seq;
    private int _next;

    /// <summary>Fills a table with 100k keys.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Entries).Select(i => System.Text.Encoding.ASCII.GetBytes($"inode/{(i * 7919) % Entries:D12}/attr"))];
        _table = new SkipListMemtable(seed: 3);
        foreach (var key in _keys)
        {
            _table.Insert(key, ++_seq, EntryKind.Put, _value);
        }

        _insertTable = new SkipListMemtable(seed: 4);
    }

    /// <summary>Point get of a present key at the latest snapshot (no value copy).</summary>
    [Benchmark(Baseline = true)]
    public int Get() =>
        _table.Get(_keys[_next++ % Entries], ulong.MaxValue, out _, out var value) == LookupStatus.Found ? value.Length : -1;

    /// <summary>Insert of a new version (copies key and value; table grows across iterations).</summary>
    [Benchmark]
    public void Insert() => _insertTable.Insert(_keys[_next++ % Entries], ++_seq, EntryKind.Put, _value);
}
