using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.ObjectStore;

namespace ZeroFs.Workloads;

/// <summary>
/// Filesystem core workloads in process over a local directory store (zstd-1 + encryption), each
/// beside an engine baseline from the same run: creates/s vs raw engine puts/s, sequential file
/// writes vs raw 32 KiB engine puts.
/// </summary>
internal sealed class FileSystemWorkloads(string workDirectory, int creates, long writeBytes, int parallelism)
{
    private static readonly Credentials User = new(1000, 1000);

    public async Task RunAsync()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filesystem workloads in {workDirectory}; {creates} creates x {parallelism} tasks; write {writeBytes >> 20} MiB"));
        Measure.Line("workload", "result", "baseline", "ratio");
        using var key = DataKey.Generate();
        await CreatesAsync(key);
        await SequentialWriteAsync(key);
    }

    private static EngineOptions Options() => new() { Compression = CompressionOptions.Parse("zstd-1") };

    private async Task<(Db Db, PosixFileSystem Fs)> OpenAsync(DataKey key, string name)
    {
        var root = Path.Combine(workDirectory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var db = await Db.OpenWriterAsync(new LocalDirectoryObjectStore(root), null, key, Options(), TimeProvider.System);
        var fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(db), new FileSystemOptions(), TimeProvider.System);
        return (db, fs);
    }

    private async Task CreatesAsync(DataKey key)
    {
        // Baseline: raw engine puts of about the same size as one create's batch, same parallelism.
        await using (var db = await Db.OpenWriterAsync(new LocalDirectoryObjectStore(Path.Combine(workDirectory, "raw-" + Guid.NewGuid().ToString("N")[..8])), null, key, Options(), TimeProvider.System))
        {
            var value = new byte[200];
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallelism).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < creates / parallelism; i++)
                {
                    await db.PutAsync(Encoding.UTF8.GetBytes($"k{t}-{i}"), value);
                }
            })));
            _rawPutsPerSecond = creates / watch.Elapsed.TotalSeconds;
        }

        var (fsDb, fs) = await OpenAsync(key, "fs-creates");
        await using (fsDb)
        {
            var dirs = new ulong[parallelism];
            for (var t = 0; t < parallelism; t++)
            {
                dirs[t] = (await fs.MakeDirectoryAsync(User, PosixFileSystem.RootId, Encoding.UTF8.GetBytes("d" + t), 0x1ED)).Value.Id;
            }

            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallelism).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < creates / parallelism; i++)
                {
                    var r = await fs.CreateAsync(User, dirs[t], Encoding.UTF8.GetBytes("f" + i), 0x1A4, true);
                    if (!r.IsOk)
                    {
                        throw new InvalidOperationException(r.Status.ToString());
                    }
                }
            })));
            var rate = creates / watch.Elapsed.TotalSeconds;
            Report("creates/s, one directory per task", rate);

            var shared = (await fs.MakeDirectoryAsync(User, PosixFileSystem.RootId, "shared"u8.ToArray(), 0x1ED)).Value.Id;
            watch.Restart();
            await Task.WhenAll(Enumerable.Range(0, parallelism).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < creates / parallelism; i++)
                {
                    await fs.CreateAsync(User, shared, Encoding.UTF8.GetBytes($"f{t}-{i}"), 0x1A4, true);
                }
            })));
            Report("creates/s, all tasks in one directory", creates / watch.Elapsed.TotalSeconds);
        }
    }

    private double _rawPutsPerSecond;

    private void Report(string name, double rate) =>
        Measure.Line(name, rate.ToString("F0", CultureInfo.InvariantCulture), "engine puts/s " + _rawPutsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
            (rate / _rawPutsPerSecond).ToString("F2", CultureInfo.InvariantCulture) + "x");

    private async Task SequentialWriteAsync(DataKey key)
    {
        var block = new byte[1 << 20];
        Measure.FillHalfCompressible(block, new Random(1));

        // Baseline: the same bytes as raw 32 KiB engine puts in 1 MiB batches.
        double raw;
        await using (var db = await Db.OpenWriterAsync(new LocalDirectoryObjectStore(Path.Combine(workDirectory, "rawwrite-" + Guid.NewGuid().ToString("N")[..8])), null, key, Options(), TimeProvider.System))
        {
            var watch = Stopwatch.StartNew();
            for (long offset = 0; offset < writeBytes; offset += block.Length)
            {
                var batch = new WriteBatch();
                for (var c = 0; c < block.Length; c += 32 * 1024)
                {
                    batch.Put(Encoding.UTF8.GetBytes($"c{offset + c:D14}"), block.AsSpan(c, 32 * 1024));
                }

                await db.WriteAsync(batch);
            }

            await db.FlushAsync();
            raw = writeBytes / watch.Elapsed.TotalSeconds;
        }

        var (fsDb, fs) = await OpenAsync(key, "fs-write");
        await using (fsDb)
        {
            var file = (await fs.CreateAsync(User, PosixFileSystem.RootId, "big"u8.ToArray(), 0x1A4, true)).Value.Id;
            var watch = Stopwatch.StartNew();
            for (long offset = 0; offset < writeBytes; offset += 128 * 1024)
            {
                var r = await fs.WriteAsync(User, file, offset, block.AsMemory((int)(offset % block.Length), 128 * 1024));
                if (!r.IsOk)
                {
                    throw new InvalidOperationException(r.Status.ToString());
                }
            }

            await fs.FsyncAsync(file);
            var rate = writeBytes / watch.Elapsed.TotalSeconds;
            Measure.Line("sequential write 128 KiB + fsync", Measure.Mb(rate), "engine 32 KiB puts " + Measure.Mb(raw), (rate / raw).ToString("F2", CultureInfo.InvariantCulture) + "x");
        }
    }
}
