using System.Buffers;
using BenchmarkDotNet.Attributes;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.ObjectStore;

namespace ZeroFs.Benchmarks.Engine;

/// <summary>
/// Warm point gets of 4 KiB values through the whole <see cref="Db"/> read path (memtable → L0
/// table: range check, bloom, index, block cache hit, in-block search, value copy into a reused
/// buffer). Baseline: a dictionary lookup plus a 4 KiB copy.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class DbGetBenchmarks
{
    private const int Keys = 8192;
    private const int ValueBytes = 4096;
    private readonly ArrayBufferWriter<byte> _value = new(ValueBytes);
    private readonly Dictionary<int, byte[]> _dictionary = [];
    private ReadOnlyMemory<byte>[] _keys = [];
    private int[] _order = [];
    private DataKey _dataKey = null!;
    private Db _db = null!;
    private int _next;

    /// <summary>Writes 8,192 × 4 KiB values, publishes them to L0, reopens, and reads every key once.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dataKey = DataKey.Generate();
        var store = new MemoryObjectStore();
        var options = new EngineOptions { Compression = new CompressionOptions(CompressionCodec.None), RandomSeed = 1 };
        _keys = [.. Enumerable.Range(0, Keys).Select(i => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes($"inode/{i:D12}/data"))];
        await using (var writer = await Db.OpenWriterAsync(store, null, _dataKey, options, TimeProvider.System))
        {
            var value = new byte[ValueBytes];
            for (var i = 0; i < Keys; i++)
            {
                Random.Shared.NextBytes(value);
                await writer.PutAsync(_keys[i].Span, value);
                _dictionary[i] = (byte[])value.Clone();
            }
        }

        _db = await Db.OpenWriterAsync(store, null, _dataKey, options, TimeProvider.System);
        foreach (var key in _keys)
        {
            _value.ResetWrittenCount();
            await _db.GetAsync(key, _value);
        }

        var random = new Random(3);
        _order = [.. Enumerable.Range(0, 1024).Select(_ => random.Next(Keys))];
        if (DbGetWarm() != ValueBytes)
        {
            throw new InvalidOperationException("the warm get did not complete synchronously from the block cache");
        }
    }

    /// <summary>Closes the database.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _db.DisposeAsync();
        _dataKey.Dispose();
    }

    /// <summary>Dictionary lookup + 4 KiB copy into the reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public int DictionaryCopy()
    {
        _value.ResetWrittenCount();
        var value = _dictionary[_order[_next++ & 1023]];
        value.CopyTo(_value.GetSpan(value.Length));
        _value.Advance(value.Length);
        return _value.WrittenCount;
    }

    /// <summary>Db.GetAsync of a present key whose block is in the block cache.</summary>
    [Benchmark]
    public int DbGetWarm()
    {
        _value.ResetWrittenCount();
        var pending = _db.GetAsync(_keys[_order[_next++ & 1023]], _value);
#pragma warning disable VSTHRD002 // checked IsCompletedSuccessfully first: the warm path never blocks
        return pending.IsCompletedSuccessfully ? pending.Result.ValueLength : -1;
#pragma warning restore VSTHRD002
    }
}
