using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using ZeroFs.Crypto;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Gc;
using ZeroFs.ObjectStore;
using ZeroFs.Testing;

namespace ZeroFs.Nbd.Tests.Clients;

/// <summary>
/// TRIM gives the space back: 256 MiB of random data written to an export with nbdcopy, trimmed with
/// nbdsh, then compaction and GC → the store is back within 10% of its size before the writes.
/// </summary>
public sealed class TrimSpaceTests(ITestOutputHelper output)
{
    private const long Size = 256L * 1024 * 1024;

    [Fact]
    public async Task Trim256MiB_ThenCompactionAndGc_StoreReturnsToWithinTenPercent()
    {
        using var directory = new TempDirectory();
        var root = directory.Combine("store");
        var engine = NbdTestHost.DefaultEngineOptions with
        {
            L0TableBytes = 8L * 1024 * 1024,
            MaxUnflushedBytes = 64L * 1024 * 1024,
            WalMaxBytes = 4 * 1024 * 1024,
        };
        var image = directory.Combine("image");
        await WriteRandomImageAsync(image);

        await using var host = await NbdTestHost.StartAsync(new LocalDirectoryObjectStore(root), engine);
        await host.CreateExportAsync("volume", Size);
        await host.CloseAsync();
        await CompactAndCollectAsync(host.Store, host.Key);
        var baseline = DirectoryBytes(root);
        Dump("before", root);

        await host.ReopenAsync();
        long full;
        await using (var kestrel = await KestrelNbdHost.StartAsync(host.Server, directory.Combine("nbd.sock")))
        {
            await ExternalTool.RunCheckedAsync("nbdcopy", "--flush", image, kestrel.TcpUri("volume"));
            full = DirectoryBytes(root);
            await ExternalTool.RunNbdshAsync(
                kestrel.UnixUri("volume"),
                "h.trim(h.get_size(), 0)\nassert h.pread(1 << 20, 100 << 20) == bytes(1 << 20)\nh.flush()\nprint('ok')");
        }

        await host.CloseAsync();
        await CompactAndCollectAsync(host.Store, host.Key);
        var after = DirectoryBytes(root);
        Dump("after", root);
        output.WriteLine($"baseline {baseline} B, after writing {full} B, after TRIM + compaction + GC {after} B");
        Assert.True(full > Size, $"the writes only grew the store to {full} B");
        Assert.True(after <= baseline + (baseline / 10), $"{after} B remain of a {baseline} B baseline ({full} B full)");

        // The export is still there, the right size, and reads zeros.
        await host.ReopenAsync();
        Assert.Equal(new byte[4096], await host.ReadExportAsync("volume", Size - 4096, 4096));
    }

    private static async Task WriteRandomImageAsync(string path)
    {
        await using var file = File.Create(path);
        var random = new Random(77);
        var block = new byte[1024 * 1024];
        for (long written = 0; written < Size; written += block.Length)
        {
            random.NextBytes(block);
            await file.WriteAsync(block);
        }
    }

    /// <summary>
    /// Merges the whole tree (tombstones dropped) and collects garbage with every minimum age passed,
    /// WAL fences included (each writer open leaves one; no zombie writer exists here).
    /// </summary>
    private static async Task CompactAndCollectAsync(IObjectStore store, DataKey key)
    {
        var options = new CompactorOptions
        {
            MaxTableBytes = 32L * 1024 * 1024,
            Compression = new CompressionOptions(CompressionCodec.None),
            ReleaseHoldAfterCommit = true,
            Gc = new GcOptions { Interval = TimeSpan.FromMilliseconds(10), WalMinAge = TimeSpan.Zero, WalFenceMinAge = TimeSpan.Zero, SstMinAge = TimeSpan.Zero, ManifestMinAge = TimeSpan.Zero },
        };
        await using var compactor = await Compactor.OpenAsync(store, key, options, new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromHours(1)));
        await compactor.CompactFullyAsync();
        await compactor.CollectGarbageAsync();
    }

    private void Dump(string label, string root)
    {
        foreach (var f in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            output.WriteLine($"{label} {Path.GetRelativePath(root, f.FullName)} {f.Length}");
        }
    }

    private static long DirectoryBytes(string root) =>
        new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
