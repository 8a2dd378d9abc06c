using static ZeroFs.FileSystem.Tests.FsHarness;

namespace ZeroFs.FileSystem.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task ParallelCreatesAndWrites_OneDirectoryAndMany_CountsRight()
    {
        await using var h = await OpenAsync();
        var shared = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "shared", 0x1FF);
        var dirs = new ulong[8];
        for (var i = 0; i < dirs.Length; i++)
        {
            dirs[i] = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "d" + i, 0x1FF);
        }

        var tasks = Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                var dir = i % 2 == 0 ? shared : dirs[t % dirs.Length];
                var created = await h.Fs.CreateAsync(Alice, dir, N($"t{t}-{i}"), 0x1A4, true);
                Assert.True(created.IsOk, created.Status.ToString());
                Assert.True((await h.Fs.WriteAsync(Alice, created.Value.Id, 0, new byte[100])).IsOk);
                if (i % 5 == 0)
                {
                    Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, dir, N($"t{t}-{i}"), dirs[(t + 1) % dirs.Length], N($"r{t}-{i}")));
                }

                if (i % 7 == 0)
                {
                    Assert.Equal(FsStatus.Ok, (await h.Fs.MakeDirectoryAsync(Alice, dir, N($"sub{t}-{i}"), 0x1FF)).Status);
                }
            }
        }));
        await Task.WhenAll(tasks);
        await h.Fs.SyncAsync();
        var total = (await h.ListAsync(shared)).Count - 2;
        for (var i = 0; i < dirs.Length; i++)
        {
            total += (await h.ListAsync(dirs[i])).Count - 2;
        }

        var subdirs = 16 * Enumerable.Range(0, 200).Count(i => i % 7 == 0);
        Assert.Equal(16 * 200 + subdirs, total);
        Assert.Equal(16 * 200 * 100, h.Fs.GetStatistics().UsedBytes);
        Assert.Equal(1 + 9 + 16 * 200 + subdirs, h.Fs.GetStatistics().UsedInodes);
        await Fsck.CheckAsync(h.Db);
    }

    [Fact]
    public async Task CrossRenames_InOppositeDirections_DoNotDeadlock()
    {
        await using var h = await OpenAsync();
        var a = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "a", 0x1FF);
        var b = await h.MkdirAsync(Alice, PosixFileSystem.RootId, "b", 0x1FF);
        for (var i = 0; i < 50; i++)
        {
            await h.CreateFileAsync(Alice, a, "x" + i);
            await h.MkdirAsync(Alice, b, "y" + i);
        }

        var forward = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, a, N("x" + i), b, N("x" + i)));
            }
        });
        var backward = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(FsStatus.Ok, await h.Fs.RenameAsync(Alice, b, N("y" + i), a, N("y" + i)));
            }
        });
        var both = Task.WhenAll(forward, backward);
        Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(30))));
        await both;
        Assert.Equal(50 + 2, (await h.ListAsync(a)).Count);
        Assert.Equal(52u, (await h.AttrAsync(a)).Nlink);
        await Fsck.CheckAsync(h.Db);
    }
}
