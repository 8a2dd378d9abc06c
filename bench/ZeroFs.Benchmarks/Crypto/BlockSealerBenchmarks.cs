using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ZeroFs.Crypto;

namespace ZeroFs.Benchmarks.Crypto;

/// <summary>
/// Seal and unseal throughput of one block on one thread, against a memcpy of the same size.
/// Targets (issue): 32 KiB lz4 ≥ 400 MB/s seal, ≥ 800 MB/s unseal, 0 B allocated.
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*BlockSealer*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class BlockSealerBenchmarks
{
    private static readonly byte[] Aad = "zfsst/01JABCDEFGHJKMNPQRSTVWXYZ/000000000123/data"u8.ToArray();

    private BlockSealer _sealer = null!;
    private DataKey _key = null!;
    private byte[] _plaintext = null!;
    private byte[] _sealed = null!;
    private int _sealedLength;
    private byte[] _output = null!;

    /// <summary>Plaintext bytes per block.</summary>
    [Params(4096, 32768, 1 << 20)]
    public int BlockSize { get; set; }

    /// <summary>Codec in config spelling.</summary>
    [Params("lz4", "zstd-1", "zstd-3")]
    public string Compression { get; set; } = "lz4";

    /// <summary>Builds the sealer and one sealed block to unseal.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = DataKey.Generate();
        _sealer = new BlockSealer(_key, KeyDomain.Sst, CompressionOptions.Parse(Compression));
        _plaintext = BenchmarkData.HalfCompressible(BlockSize);
        _sealed = new byte[BlockSealer.MaxSealedLength(BlockSize)];
        _sealedLength = _sealer.Seal(_plaintext, Aad, _sealed);
        _output = new byte[BlockSize];
        Console.WriteLine($"// {Compression} {BlockSize} B -> {_sealedLength} B sealed ({100.0 * _sealedLength / BlockSize:F1} %)");
    }

    /// <summary>Frees the key.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _sealer.Dispose();
        _key.Dispose();
    }

    /// <summary>Copy of the plaintext: the floor any envelope is measured against.</summary>
    [Benchmark(Baseline = true)]
    public int Memcpy()
    {
        _plaintext.AsSpan().CopyTo(_output);
        return _output.Length;
    }

    /// <summary>Compress, encrypt, CRC.</summary>
    [Benchmark]
    public int Seal() => _sealer.Seal(_plaintext, Aad, _sealed);

    /// <summary>CRC, decrypt, decompress.</summary>
    [Benchmark]
    public int Unseal() => _sealer.Unseal(_sealed.AsSpan(0, _sealedLength), Aad, _output);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new ThroughputColumn());
            Orderer = new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared);
        }
    }
}
