using ZeroFs.Testing;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// git, run as uid 1000 on a <c>zerofs mount</c> mount that uid 1000 made: a repository of
/// /usr/include/linux (hundreds of files) committed, changed, committed again, packed and checked; then
/// unmounted and checked again through a fresh mount, so what git sees comes from the server.
/// </summary>
public sealed class GitTests : IAsyncLifetime
{
    private static readonly TimeSpan MountTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new();
    private ZerofsServer _server = null!;

    public async Task InitializeAsync() => _server = await ZerofsServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var mountPoint in Directory.GetDirectories(_directory.Path))
        {
            if (ZerofsMount.IsMounted(mountPoint))
            {
                await Shell.RunAsync("fusermount3", "-uz", mountPoint);
            }
        }

        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task CommitChangeGcFsck_AsUser_ThenCleanThroughAFreshMount()
    {
        const string Source = "/usr/include/linux";
        var mountPoint = _directory.Combine("mnt");
        Directory.CreateDirectory(mountPoint);
        await Shell.RunAsync("chown", $"{Shell.OtherUser}:{Shell.OtherUser}", mountPoint);
        await _server.View(mountPoint).MkdirAsync(Path.Combine(mountPoint, "home"), 0x1ed /* rwxr-xr-x */, Shell.OtherUser, Shell.OtherUser);
        var repository = Path.Combine(mountPoint, "home", "linux");
        string changed;

        using (var zerofs = await MountAsync(mountPoint))
        {
            var copied = await AsUserAsync("cp", "-r", Source, repository);
            Assert.True(copied.ExitCode == 0, copied.Stderr);
            await GitAsync(repository, "init", "-q");
            await GitAsync(repository, "add", "-A");
            await GitAsync(repository, "commit", "-q", "-m", "import");
            var files = (await GitAsync(repository, "ls-files")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var sourceFiles = Directory.GetFiles(Source, "*", SearchOption.AllDirectories).Length;
            Assert.True(sourceFiles > 300, $"only {sourceFiles} files in {Source}");
            Assert.Equal(sourceFiles, files.Length);
            Assert.Equal("", await GitAsync(repository, "status", "--porcelain"));

            // One changed file: git status must see exactly it (mtime, size and content through the mount).
            changed = files.Order(StringComparer.Ordinal).First();
            var appended = await AsUserAsync("sh", "-c", $"echo '/* changed on the mount */' >> '{Path.Combine(repository, changed)}'");
            Assert.True(appended.ExitCode == 0, appended.Stderr);
            Assert.Equal($" M {changed}", await GitAsync(repository, "status", "--porcelain"));
            await GitAsync(repository, "commit", "-q", "-a", "-m", "change");
            await GitAsync(repository, "gc", "-q");
            Assert.Equal("", await GitAsync(repository, "fsck", "--full", "--strict", "--no-progress"));
            Assert.Equal("", await GitAsync(repository, "status", "--porcelain"));
            Assert.Equal("2", await GitAsync(repository, "rev-list", "--count", "HEAD"));
            Assert.Equal(changed, await GitAsync(repository, "diff", "--name-only", "HEAD~1", "HEAD"));

            var unmounted = await AsUserAsync("fusermount3", "-u", mountPoint);
            Assert.True(unmounted.ExitCode == 0, unmounted.Stderr);
            Assert.Equal(0, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.False(ZerofsMount.IsMounted(mountPoint));
        }

        using (var fresh = await MountAsync(mountPoint))
        {
            Assert.Equal("", await GitAsync(repository, "fsck", "--full", "--strict", "--no-progress"));
            Assert.Equal("", await GitAsync(repository, "status", "--porcelain"));
            Assert.Equal("2", await GitAsync(repository, "rev-list", "--count", "HEAD"));
            Assert.Equal(changed, await GitAsync(repository, "diff", "--name-only", "HEAD~1", "HEAD"));

            // gc packed every object; the first commit holds the original bytes, the work tree the change.
            var objects = (await GitAsync(repository, "count-objects", "-v")).Split('\n');
            Assert.Contains("count: 0", objects);
            Assert.Contains("packs: 1", objects);
            var original = await AsUserAsync("sh", "-c", $"cd '{repository}' && git show 'HEAD~1:{changed}' | cmp - '{Path.Combine(Source, changed)}'");
            Assert.True(original.ExitCode == 0, $"{original.Stdout}\n{original.Stderr}");
            var tail = await AsUserAsync("tail", "-n", "1", Path.Combine(repository, changed));
            Assert.Equal("/* changed on the mount */\n", tail.Stdout);

            var unmounted = await AsUserAsync("fusermount3", "-u", mountPoint);
            Assert.True(unmounted.ExitCode == 0, unmounted.Stderr);
            Assert.Equal(0, await fresh.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>Runs <c>zerofs mount</c> in the foreground as uid 1000 and waits until the mount is live.</summary>
    private async Task<ZerofsMount> MountAsync(string mountPoint)
    {
        var zerofs = ZerofsMount.Start(Shell.OtherUser, "mount", _server.Endpoint, mountPoint, "-f");
        await zerofs.WaitForStdoutAsync("Mounted", MountTimeout);
        Assert.True(ZerofsMount.IsMounted(mountPoint));
        return zerofs;
    }

    /// <summary>git in <paramref name="repository"/> as uid 1000 with no user or system config; fails the test unless it exits 0 with nothing on stderr.</summary>
    private static async Task<string> GitAsync(string repository, params string[] args)
    {
        var result = await AsUserAsync(
            [
                "env", "HOME=/nonexistent", "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
                "GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@localhost", "GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@localhost",
                "git", "-C", repository, .. args,
            ]);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"git {string.Join(' ', args)} exited {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        return result.Stdout.TrimEnd('\n');
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> AsUserAsync(params string[] command) =>
        Shell.RunAsync("setpriv", [$"--reuid={Shell.OtherUser}", $"--regid={Shell.OtherUser}", "--clear-groups", .. command], null);
}
