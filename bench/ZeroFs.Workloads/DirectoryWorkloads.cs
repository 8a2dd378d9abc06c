using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;

namespace ZeroFs.Workloads;

/// <summary>
/// The <c>dir</c> workload: everyday file operations on any mounted directory (9P, NFS, FUSE, local), each
/// step reported as ops/s or MB/s; with a baseline directory (e.g. a tmpfs) the same steps run there too
/// and every line carries the ratio.
/// </summary>
internal sealed class DirectoryWorkloads(DirectoryWorkloadOptions options)
{
    private const int SmallFileBytes = 4096;
    private const int AppendBytes = 512;

    /// <summary>Runs every step in the target directory, then in the baseline, and prints the table.</summary>
    public void Run()
    {
        // A small pass first, so that JIT and first-touch costs land on neither measured run.
        var warmUp = options with { EmptyFiles = 20, SmallFiles = 20, BigMib = 1, RandomReads = 20, Appends = 5, TreeFiles = 60 };
        RunAll(options.Baseline ?? options.Directory, warmUp, report: false);

        var target = RunAll(options.Directory, options, report: true);
        var baseline = options.Baseline is { } dir ? RunAll(dir, options, report: true) : null;

        Console.WriteLine();
        Measure.Line("dir workload step", options.Directory, options.Baseline, options.Baseline is null ? null : "ratio");
        for (var i = 0; i < target.Count; i++)
        {
            var (name, value, unit) = target[i];
            if (baseline is null)
            {
                Measure.Line(name, Format(value, unit));
                continue;
            }

            var other = baseline[i].Value;
            Measure.Line(name, Format(value, unit), Format(other, unit), (value / other).ToString("F3", CultureInfo.InvariantCulture));
        }
    }

    private static string Format(double value, string unit) => value.ToString("F1", CultureInfo.InvariantCulture) + " " + unit;

    private static List<(string Name, double Value, string Unit)> RunAll(string root, DirectoryWorkloadOptions options, bool report)
    {
        var work = Path.Combine(root, $"zerofs-dir-workload-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        if (report)
        {
            Console.WriteLine($"# dir workload in {work}");
        }

        var results = new List<(string, double, string)>();

        void Step(string name, string unit, double amount, Action action)
        {
            var clock = Stopwatch.StartNew();
            action();
            var rate = amount / clock.Elapsed.TotalSeconds;
            results.Add((name, rate, unit));
            if (report)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#   {name}: {rate:F1} {unit} ({clock.Elapsed.TotalSeconds:F2} s)"));
            }
        }

        var empty = Path.Combine(work, "empty");
        var small = Path.Combine(work, "small");
        var tree = Path.Combine(work, "tree");
        var big = Path.Combine(work, "big");
        var source = Path.Combine(work, "source");
        Directory.CreateDirectory(empty);
        Directory.CreateDirectory(small);
        var payload = new byte[SmallFileBytes];
        new Random(1).NextBytes(payload);
        var bigBytes = options.BigMib << 20;
        var tarball = BuildSourceTarball(options.TreeFiles);

        Step($"create {options.EmptyFiles} empty files", "files/s", options.EmptyFiles, () =>
        {
            for (var i = 0; i < options.EmptyFiles; i++)
            {
                File.Create(Path.Combine(empty, $"e{i:D6}"), 1, FileOptions.None).Dispose();
            }
        });
        Step($"write {options.SmallFiles} x 4 KiB files", "files/s", options.SmallFiles, () =>
        {
            for (var i = 0; i < options.SmallFiles; i++)
            {
                File.WriteAllBytes(Path.Combine(small, $"s{i:D5}"), payload);
            }
        });
        Step($"read back {options.SmallFiles} x 4 KiB files", "files/s", options.SmallFiles, () =>
        {
            for (var i = 0; i < options.SmallFiles; i++)
            {
                if (!File.ReadAllBytes(Path.Combine(small, $"s{i:D5}")).AsSpan().SequenceEqual(payload))
                {
                    throw new InvalidDataException($"s{i:D5} read back different bytes");
                }
            }
        });
        Step($"stat walk (ls -lR) of {options.EmptyFiles} files", "entries/s", options.EmptyFiles, () =>
        {
            var count = 0;
            foreach (var entry in new DirectoryInfo(empty).EnumerateFileSystemInfos())
            {
                _ = entry.LastWriteTimeUtc; // one lstat per entry
                count++;
            }

            if (count != options.EmptyFiles)
            {
                throw new InvalidDataException($"listed {count} of {options.EmptyFiles} files");
            }
        });
        Step("mkdir a 10 x 10 tree", "dirs/s", 110, () =>
        {
            for (var i = 0; i < 10; i++)
            {
                for (var j = 0; j < 10; j++)
                {
                    Directory.CreateDirectory(Path.Combine(tree, $"d{i}", $"d{j}"));
                }
            }
        });
        Step($"rename {options.SmallFiles} files", "renames/s", options.SmallFiles, () =>
        {
            for (var i = 0; i < options.SmallFiles; i++)
            {
                File.Move(Path.Combine(small, $"s{i:D5}"), Path.Combine(small, $"renamed-{i:D5}"));
            }
        });
        Step($"sequential write {options.BigMib} MiB + fsync", "MB/s", bigBytes / 1e6, () => WriteBig(big, bigBytes));
        Step($"sequential read {options.BigMib} MiB", "MB/s", bigBytes / 1e6, () => ReadBig(big, bigBytes));
        Step($"{options.RandomReads} random 4 KiB reads", "reads/s", options.RandomReads, () => RandomReads(big, bigBytes, options.RandomReads));
        Step($"{options.Appends} appends of 512 B + fsync", "appends/s", options.Appends, () => Appends(Path.Combine(work, "log"), options.Appends));
        Step($"untar {options.TreeFiles} files", "files/s", options.TreeFiles, () =>
        {
            tarball.Position = 0;
            TarFile.ExtractToDirectory(tarball, Directory.CreateDirectory(source).FullName, overwriteFiles: false);
        });
        Step($"tar {options.TreeFiles} files", "files/s", options.TreeFiles, () =>
        {
            using var output = new MemoryStream();
            TarFile.CreateFromDirectory(source, output, includeBaseDirectory: false);
            if (output.Length < tarball.Length / 2)
            {
                throw new InvalidDataException($"tar of the extracted tree is {output.Length} bytes; the source was {tarball.Length}");
            }
        });
        var entries = CountEntries(work);
        Step($"remove everything ({entries} entries)", "entries/s", entries, () => Directory.Delete(work, recursive: true));
        return results;
    }

    private static void WriteBig(string path, long bytes)
    {
        var buffer = new byte[1 << 20];
        Measure.FillHalfCompressible(buffer, new Random(2));
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        for (long written = 0; written < bytes; written += buffer.Length)
        {
            file.Write(buffer);
        }

        file.Flush(flushToDisk: true);
    }

    private static void ReadBig(string path, long bytes)
    {
        var buffer = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        long total = 0;
        int n;
        while ((n = file.Read(buffer)) > 0)
        {
            total += n;
        }

        if (total != bytes)
        {
            throw new InvalidDataException($"read {total} of {bytes} bytes");
        }
    }

    private static void RandomReads(string path, long bytes, int reads)
    {
        var random = new Random(3);
        var buffer = new byte[SmallFileBytes];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        var blocks = bytes / SmallFileBytes;
        for (var i = 0; i < reads; i++)
        {
            var offset = random.NextInt64(blocks) * SmallFileBytes;
            if (RandomAccess.Read(handle, buffer, offset) != buffer.Length)
            {
                throw new InvalidDataException($"short read at {offset}");
            }
        }
    }

    private static void Appends(string path, int appends)
    {
        var record = new byte[AppendBytes];
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 0);
        for (var i = 0; i < appends; i++)
        {
            record[0] = (byte)i;
            file.Write(record);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>A tar of a synthetic source tree: 50 files per directory, 1-8 KiB of text each.</summary>
    private static MemoryStream BuildSourceTarball(int files)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var random = new Random(4);
            for (var i = 0; i < files; i++)
            {
                var text = new byte[1024 + random.Next(7 * 1024)];
                for (var j = 0; j < text.Length; j++)
                {
                    text[j] = (byte)(j % 64 == 63 ? '\n' : 'a' + random.Next(26));
                }

                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"src/module{i / 50:D3}/file{i % 50:D2}.c")
                {
                    DataStream = new MemoryStream(text),
                });
            }
        }

        return stream;
    }

    private static int CountEntries(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Count() + 1;
}
