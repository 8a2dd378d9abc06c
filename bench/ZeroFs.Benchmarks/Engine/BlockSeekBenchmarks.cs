using BenchmarkDotNet.Attributes;
using ZeroFs.Engine;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Benchmarks.Engine;

/// <summary>Point seeks inside one decoded 16 KiB data block (inode/dirent-sized entries).</summary>
[MemoryDiagnoser]
public class BlockSeekBenchmarks
{
    private byte[] _block = [];
    private BlockLayout _layout;
    private byte[][] _probes = [];
    private BlockIterator _iterator = null!;
    private int _next;

    /// <summary>Builds a block of ~200 entries with 40-byte keys and 32-byte values.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var builder = new BlockBuilder();
        var keys = new List<byte[]>();
        for (var i = 0; builder.EstimatedSize < 16 * 1024; i++)
        {
            var key = System.Text.Encoding.ASCII.GetBytes($"inode/{i * 37:D12}/dirent/name-{i:D8}");
            builder.Add(key, 100, EntryKind.Put, new byte[32]);
            keys.Add(key);
        }

        _block = builder.Finish().ToArray();
        _layout = BlockLayout.Parse(_block);
        var random = new Random(1);
        _probes = [.. Enumerable.Range(0, 1024).Select(_ => keys[random.Next(keys.Count)])];
        _iterator = new BlockIterator();
        _iterator.Reset(_block, _layout);
    }

    /// <summary>Allocation-free in-place search (the get path).</summary>
    [Benchmark(Baseline = true)]
    public int PointFind()
    {
        var key = _probes[_next++ & 1023];
        return BlockSearch.TryFind(_block, _layout, key, ulong.MaxValue, out var hit) ? hit.Header.ValueLength : -1;
    }

    /// <summary>Iterator seek (the scan path: rebuilds keys into the iterator's buffer).</summary>
    [Benchmark]
    public int IteratorSeek()
    {
        var key = _probes[_next++ & 1023];
        return _iterator.Seek(key, ulong.MaxValue) ? _iterator.Key.Length : -1;
    }
}
