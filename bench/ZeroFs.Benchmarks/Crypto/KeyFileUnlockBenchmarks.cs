using BenchmarkDotNet.Attributes;
using ZeroFs.Crypto.Keys;
using ZeroFs.ObjectStore;

namespace ZeroFs.Benchmarks.Crypto;

/// <summary>
/// Time to unlock the key file with <see cref="KeyFileOptions.Default"/> (Argon2id 256 MiB × 3):
/// should be 0.2–1 s, the startup cost a password guess also pays.
/// Run: <c>dotnet run -c Release --project bench/ZeroFs.Benchmarks -- --filter '*KeyFileUnlock*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class KeyFileUnlockBenchmarks
{
    private const string Password = "benchmark password";

    private MemoryObjectStore _store = null!;

    /// <summary>Writes a key file with the default parameters.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _store = new MemoryObjectStore();
        using var key = await KeyFile.OpenOrCreateAsync(_store, Password, KeyFileOptions.Default);
    }

    /// <summary>Read, check and unwrap the key file.</summary>
    [Benchmark]
    public async Task OpenAsync()
    {
        using var key = await KeyFile.OpenAsync(_store, Password);
    }
}
