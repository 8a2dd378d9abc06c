using System.Buffers;
using BenchmarkDotNet.Attributes;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Benchmarks.Engine;

/// <summary>
/// SST point gets with every block already decoded in a cache (the warm path: range check →
/// bloom → index binary search → in-block search → value copy).
/// </summary>
[MemoryDiagnoser]
public class SstGetBenchmarks
{
    private const int Keys = 50_000;
    private SstReader _reader = null!;
    private ReadOnlyMemory<byte>[] _present = [];
    private ReadOnlyMemory<byte>[] _absent = [];
    private readonly ArrayBufferWriter<byte> _value = new(256);
    private int _next;

    /// <summary>Writes and opens a 50k-key table, then warms every block.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var key = DataKey.Generate();
        var sealer = new BlockSealer(key, KeyDomain.Sst, new CompressionOptions(CompressionCodec.Lz4));
        var store = new MemoryObjectStore();
        var id = Ulid.Create(1_700_000_000_000, 1, 2);
        var output = new TableOutput(new ZeroFs.Engine.Memory.SegmentPool(SstWriterOptions.MinPartBytes, 3), store.StartUpload(SstInfo.ObjectKey(id), PutCondition.CreateOnly));
        await using (var writer = new SstWriter(id, sealer, new SstWriterOptions(), output))
        {
            for (var i = 0; i < Keys; i++)
            {
                writer.Add(KeyOf(i), 10, EntryKind.Put, new byte[48]);
                if (writer.HasPendingPart)
                {
                    await writer.FlushAsync(CancellationToken.None);
                }
            }

            var built = await writer.FinishAsync(CancellationToken.None);
            var info = built.Info;
            _reader = await SstReader.OpenAsync(store, sealer, id, info.Size, info.MetaOffset, info.MetaLength, new DictionaryBlockCache());
        }

        for (var b = 0; b < _reader.Index.Count; b++)
        {
            (await _reader.ReadBlockAsync(b)).Release();
        }

        var random = new Random(2);
        _present = [.. Enumerable.Range(0, 1024).Select(_ => (ReadOnlyMemory<byte>)KeyOf(random.Next(Keys)))];
        _absent = [.. Enumerable.Range(0, 1024).Select(i => (ReadOnlyMemory<byte>)System.Text.Encoding.ASCII.GetBytes($"inode/{i:D12}/missing"))];
    }

    /// <summary>A key that exists.</summary>
    [Benchmark(Baseline = true)]
    public int GetPresent()
    {
        _value.ResetWrittenCount();
        var pending = _reader.GetAsync(_present[_next++ & 1023], ulong.MaxValue, _value);
#pragma warning disable VSTHRD002 // checked IsCompletedSuccessfully first: the warm path never blocks
        return pending.IsCompletedSuccessfully ? pending.Result.ValueLength : -1;
#pragma warning restore VSTHRD002
    }

    /// <summary>A key inside the table's range that the bloom filter rejects (or not, ~1%).</summary>
    [Benchmark]
    public int GetAbsent()
    {
        var pending = _reader.GetAsync(_absent[_next++ & 1023], ulong.MaxValue, null);
#pragma warning disable VSTHRD002 // see GetPresent
        return pending.IsCompletedSuccessfully ? (int)pending.Result.Status : -1;
#pragma warning restore VSTHRD002
    }

    private static byte[] KeyOf(int i) => System.Text.Encoding.ASCII.GetBytes($"inode/{i:D12}/attr");
}
