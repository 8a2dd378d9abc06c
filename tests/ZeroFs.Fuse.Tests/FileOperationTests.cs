using System.Security.Cryptography;
using System.Text;

namespace ZeroFs.Fuse.Tests;

/// <summary>Everyday file operations through the kernel (File.* on the mount), checked on the server's side too.</summary>
[Collection(MountCollection.Name)]
public sealed class FileOperationTests(MountFixture fixture)
{
    [Fact]
    public async Task WriteThenRead_RoundTripsAndReachesTheServer()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "hello.txt");
        await File.WriteAllTextAsync(path, "hello fuse");
        await File.AppendAllTextAsync(path, " + more");

        Assert.Equal("hello fuse + more", await File.ReadAllTextAsync(path));
        Assert.Equal("hello fuse + more", await fixture.OnServer.ReadAllTextAsync(path));
        Assert.Equal(17, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Directories_CreateListRenameAndRemove()
    {
        var dir = fixture.NewDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "a", "b", "c"));
        for (var i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(dir, "a", $"file-{i:D3}-with-a-longer-name-to-fill-readdir-pages"), "x");
        }

        var names = Directory.GetFileSystemEntries(Path.Combine(dir, "a")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(301, names.Count);
        Assert.Contains("b", names);

        Directory.Move(Path.Combine(dir, "a"), Path.Combine(dir, "z"));
        Assert.False(Directory.Exists(Path.Combine(dir, "a")));
        Assert.True(File.Exists(Path.Combine(dir, "z", "file-007-with-a-longer-name-to-fill-readdir-pages")));
        Assert.Equal(DirectoryMode, (await fixture.OnServer.StatExistingAsync(Path.Combine(dir, "z", "b", "c"))).Mode & TypeMask);

        // Files below a moved directory are still reachable by their new path.
        File.WriteAllText(Path.Combine(dir, "z", "b", "c", "deep"), "deep");
        Assert.Equal("deep", await fixture.OnServer.ReadAllTextAsync(Path.Combine(dir, "z", "b", "c", "deep")));

        Directory.Delete(Path.Combine(dir, "z"), recursive: true);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
        Assert.Empty(await fixture.OnServer.ListAsync(dir));
    }

    [Fact]
    public async Task RenameFile_OverwritesTargetAndKeepsContent()
    {
        var dir = fixture.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "src"), "new");
        File.WriteAllText(Path.Combine(dir, "dst"), "old");
        File.Move(Path.Combine(dir, "src"), Path.Combine(dir, "dst"), overwrite: true);

        Assert.False(File.Exists(Path.Combine(dir, "src")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(dir, "dst")));
        Assert.Equal("new", await fixture.OnServer.ReadAllTextAsync(Path.Combine(dir, "dst")));
        Assert.Equal(["dst"], await fixture.OnServer.ListAsync(dir));
    }

    [Fact]
    public async Task SymlinkAndHardLink_Work()
    {
        var dir = fixture.NewDirectory();
        var target = Path.Combine(dir, "target");
        File.WriteAllText(target, "linked");
        var symlink = File.CreateSymbolicLink(Path.Combine(dir, "sym"), "target");
        Assert.Equal("target", symlink.LinkTarget);
        Assert.Equal("linked", File.ReadAllText(Path.Combine(dir, "sym")));
        Assert.Equal("target", await fixture.OnServer.ReadlinkAsync(Path.Combine(dir, "sym")));

        var hard = Path.Combine(dir, "hard");
        Assert.Equal(0, await LinkAsync(target, hard));
        File.AppendAllText(hard, "!");
        Assert.Equal("linked!", File.ReadAllText(target));
        Assert.Equal("2", await StatFieldAsync(target, "%h"));
        Assert.Equal(await StatFieldAsync(target, "%i"), await StatFieldAsync(hard, "%i"));
    }

    [Fact]
    public async Task Attributes_ChmodTruncateAndTimes()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "attrs");
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(10_000));

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Equal(0x8000u | 0x1a0 /* regular, rw-r----- */, (await fixture.OnServer.StatExistingAsync(path)).Mode);

        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(1234); // ftruncate through the open file
        }

        Assert.Equal(1234ul, (await fixture.OnServer.StatExistingAsync(path)).Size);
        File.WriteAllBytes(path, []);
        Assert.Equal(0, new FileInfo(path).Length);

        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        File.SetLastAccessTimeUtc(path, stamp.AddDays(1));
        var attributes = await fixture.OnServer.StatExistingAsync(path);
        Assert.Equal(stamp, Time(attributes.Mtime));
        Assert.Equal(stamp.AddDays(1), Time(attributes.Atime));

        // utimensat with UTIME_OMIT for atime and UTIME_NOW for mtime (touch -m): atime stays, mtime moves to now.
        var (exit, _, error) = await Shell.RunAsync("touch", "-m", path);
        Assert.True(exit == 0, error);
        attributes = await fixture.OnServer.StatExistingAsync(path);
        Assert.Equal(stamp.AddDays(1), Time(attributes.Atime));
        Assert.True(DateTime.UtcNow - Time(attributes.Mtime) < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Statfs_ReportsTheServersFileSystem()
    {
        var drive = new DriveInfo(fixture.Mount.Path);
        Assert.True(drive.TotalSize > 0);
        Assert.Equal("fuse.zerofs", drive.DriveFormat);
    }

    [Fact]
    public async Task Mknod_CreatesFifo()
    {
        var dir = fixture.NewDirectory();
        await Shell.PythonAsync($"import os; os.mkfifo('{Path.Combine(dir, "fifo")}', 0o600)");
        Assert.Equal(0x1000u | 0x180 /* fifo, rw------- */, (await fixture.OnServer.StatExistingAsync(Path.Combine(dir, "fifo"))).Mode);
    }

    [Fact]
    public async Task Fsync_Succeeds()
    {
        var dir = fixture.NewDirectory();
        await using var stream = new FileStream(Path.Combine(dir, "synced"), FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("durable"));
        stream.Flush(flushToDisk: true);
        Assert.Equal("durable", await fixture.OnServer.ReadAllTextAsync(Path.Combine(dir, "synced")));
    }

    private const uint TypeMask = 0xf000;
    private const uint DirectoryMode = 0x4000;

    private static DateTime Time((ulong Seconds, ulong Nanoseconds) time) =>
        DateTime.UnixEpoch.AddSeconds(time.Seconds).AddTicks((long)time.Nanoseconds / 100);

    private static async Task<int> LinkAsync(string existing, string newPath) => (await Shell.RunAsync("ln", existing, newPath)).ExitCode;

    private static async Task<string> StatFieldAsync(string path, string format) => (await Shell.RunAsync("stat", "-c", format, path)).Stdout.Trim();
}
