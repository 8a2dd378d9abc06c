using System.Diagnostics;
using System.Text;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class ReadDirectoryTests
{
    [Fact]
    public async Task ReadDirectory_StartsWithDotAndDotDot_ThenEntriesInCreationOrder()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d");
        await h.CreateFileAsync(Alice, d, "z");
        await h.MkdirAsync(Alice, d, "a");
        var page = (await h.Fs.ReadDirectoryAsync(Alice, d, 0, 10)).Value;
        Assert.True(page.EndOfDirectory);
        Assert.Equal([".", "..", "z", "a"], page.Entries.Select(e => Encoding.UTF8.GetString(e.Name)));
        Assert.Equal([1UL, 2UL, 3UL, 4UL], page.Entries.Select(e => e.Cookie));
        Assert.Equal([d, PosixFileSystem.RootId], page.Entries.Take(2).Select(e => e.Id));
        Assert.Equal([FileType.Directory, FileType.Directory, FileType.Regular, FileType.Directory], page.Entries.Select(e => e.Type));
        var afterDot = (await h.Fs.ReadDirectoryAsync(Alice, d, 1, 1)).Value;
        Assert.Equal("..", Encoding.UTF8.GetString(Assert.Single(afterDot.Entries).Name));
        Assert.False(afterDot.EndOfDirectory);
    }

    [Fact]
    public async Task ReadDirectory_WithAttributes_CarriesEachInodesAttributes()
    {
        await using var h = await OpenAsync();
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        await h.Fs.WriteAsync(Alice, f, 0, new byte[77]);
        var page = (await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 0, 10, withAttributes: true)).Value;
        Assert.Equal(3, page.Entries.Count);
        Assert.Equal(PosixFileSystem.RootId, page.Entries[0].Attributes!.Value.Id);
        Assert.Equal(77, page.Entries[2].Attributes!.Value.Size);
        Assert.Null((await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 0, 10)).Value.Entries[2].Attributes);
    }

    [Fact]
    public async Task ReadDirectory_NeedsReadPermission_AndADirectory()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d", 0x1C0);
        var f = await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "f");
        Assert.Equal(FsStatus.AccessDenied, (await h.Fs.ReadDirectoryAsync(Bob, d, 0, 10)).Status);
        Assert.Equal(FsStatus.NotDirectory, (await h.Fs.ReadDirectoryAsync(Alice, f, 0, 10)).Status);
    }

    [Fact]
    public async Task Cookies_AreNeverReused_AfterDeletes()
    {
        await using var h = await OpenAsync();
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        await h.Fs.RemoveAsync(Alice, PosixFileSystem.RootId, N("a"));
        await h.CreateFileAsync(Alice, PosixFileSystem.RootId, "a");
        Assert.Equal(4UL, Assert.Single((await h.Fs.ReadDirectoryAsync(Alice, PosixFileSystem.RootId, 2, 10)).Value.Entries).Cookie);
    }

    [Fact]
    public async Task Paging_IsStableUnderConcurrentCreatesAndDeletes()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d", 0x1FF);
        for (var i = 0; i < 500; i++)
        {
            await h.CreateFileAsync(Alice, d, "keep" + i);
            await h.CreateFileAsync(Alice, d, "churn" + i);
        }

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await h.Fs.CreateAsync(Bob, d, N("new" + n), 0x1A4, true);
                await h.Fs.RemoveAsync(Alice, d, N("churn" + (n % 500)));
                await h.Fs.RenameAsync(Bob, d, N("new" + n), d, N("moved" + n));
                n++;
            }
        });
        var seen = new List<string>();
        ulong cookie = 0;
        while (true)
        {
            var page = (await h.Fs.ReadDirectoryAsync(Alice, d, cookie, 37)).Value;
            foreach (var e in page.Entries)
            {
                Assert.True(e.Cookie > cookie);
                cookie = e.Cookie;
                seen.Add(Encoding.UTF8.GetString(e.Name));
            }

            await Task.Yield();
            if (page.EndOfDirectory)
            {
                break;
            }
        }

        await stop.CancelAsync();
        await churn;
        var keep = seen.Where(s => s.StartsWith("keep", StringComparison.Ordinal)).ToList();
        Assert.Equal(500, keep.Count);
        Assert.Equal(keep.Count, keep.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task HundredThousandEntries_ListInPages_WithoutQuadraticCost()
    {
        await using var h = await OpenAsync();
        var d = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "big", 0x1FF);
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = t; i < 100_000; i += 8)
            {
                var r = await h.Fs.CreateAsync(Alice, d, N("f" + i), 0x1A4, true);
                Assert.True(r.IsOk);
            }
        }));
        await Task.WhenAll(tasks);
        var pageTimes = new List<double>();
        var total = 0;
        ulong cookie = 2;
        while (true)
        {
            var sw = Stopwatch.StartNew();
            var page = (await h.Fs.ReadDirectoryAsync(Alice, d, cookie, 1000)).Value;
            pageTimes.Add(sw.Elapsed.TotalMilliseconds);
            total += page.Entries.Count;
            if (page.EndOfDirectory)
            {
                break;
            }

            cookie = page.Entries[^1].Cookie;
        }

        Assert.Equal(100_000, total);
        Assert.Equal(100, pageTimes.Count);
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        var early = Median(pageTimes.Skip(1).Take(15));
        var late = Median(pageTimes.Skip(84).Take(15));
        Assert.True(late < early * 10 + 5, $"late pages {late:F2} ms vs early {early:F2} ms");
        Assert.Equal(100_001 + 1, h.Fs.GetStatistics().UsedInodes);
    }
}
