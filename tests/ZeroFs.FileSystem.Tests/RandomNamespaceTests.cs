using System.Text;
using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

/// <summary>Seeded random namespace operations from several tasks at once; the tree must stay consistent throughout.</summary>
public class RandomNamespaceTests
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public async Task RandomConcurrentOperations_KeepTreeConsistent_AcrossCrash(int seed)
    {
        await using var h = await OpenAsync(new FileSystemOptions { InlineDeleteChunks = 1 });
        var dirs = new List<ulong> { PosixFileSystem.RootId };
        for (var i = 0; i < 4; i++)
        {
            dirs.Add(await h.MkdirAsync(Root, PosixFileSystem.RootId, "d" + i, 0x1FF));
        }

        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            var rng = new Random(seed * 100 + t);
            for (var i = 0; i < 600; i++)
            {
                ulong dir, other;
                lock (dirs)
                {
                    dir = dirs[rng.Next(dirs.Count)];
                    other = dirs[rng.Next(dirs.Count)];
                }

                var name = N("n" + rng.Next(12));
                var name2 = N("n" + rng.Next(12));
                switch (rng.Next(9))
                {
                    case 0: await h.Fs.CreateAsync(Root, dir, name, 0x1A4, rng.Next(2) == 0); break;
                    case 1:
                        var made = await h.Fs.MakeDirectoryAsync(Root, dir, name, 0x1ED);
                        if (made.IsOk)
                        {
                            lock (dirs)
                            {
                                dirs.Add(made.Value.Id);
                            }
                        }

                        break;
                    case 2: await h.Fs.RemoveAsync(Root, dir, name); break;
                    case 3: await h.Fs.RemoveDirectoryAsync(Root, dir, name); break;
                    case 4:
                    case 5:
                        var flags = rng.Next(4) switch { 0 => RenameFlags.Exchange, 1 => RenameFlags.NoReplace, _ => RenameFlags.None };
                        await h.Fs.RenameAsync(Root, dir, name, other, name2, flags);
                        break;
                    case 6:
                        var target = await h.Fs.LookupAsync(Root, dir, name);
                        if (target.IsOk)
                        {
                            await h.Fs.LinkAsync(Root, target.Value.Id, other, name2);
                        }

                        break;
                    case 7:
                        var file = await h.Fs.LookupAsync(Root, dir, name);
                        if (file.IsOk && file.Value.Type == FileType.Regular)
                        {
                            await h.Fs.WriteAsync(Root, file.Value.Id, rng.Next(100_000), new byte[rng.Next(1, 70_000)]);
                        }

                        break;
                    default:
                        var page = await h.Fs.ReadDirectoryAsync(Root, dir, 0, 100);
                        if (page.IsOk)
                        {
                            Assert.Equal(page.Value.Entries.Count, page.Value.Entries.Select(e => Encoding.Latin1.GetString(e.Name)).Distinct().Count());
                        }

                        break;
                }
            }
        }));
        await Task.WhenAll(tasks);
        await h.Fs.SyncAsync();
        await Fsck.CheckAsync(h.Db);
        await h.CrashAndReopenAsync();
        await Fsck.CheckAsync(h.Db);
    }
}
