using System.Diagnostics;
using ZeroFs.Testing;

namespace ZeroFs.Fuse.Tests;

/// <summary><c>zerofs mount</c> as a user runs it: foreground and detached, unmounted by signal or fusermount3, as root and not.</summary>
public sealed class MountCommandTests : IAsyncLifetime
{
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
    public async Task ServerDown_ExitsOneWithAClearMessage()
    {
        var mountPoint = NewMountPoint();
        await _server.StopAsync();
        using var zerofs = ZerofsMount.Start(null, "mount", _server.Endpoint, mountPoint, "-f");
        Assert.Equal(1, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"error: cannot reach the 9P server at {_server.Endpoint}", zerofs.Stderr, StringComparison.Ordinal);
        Assert.False(ZerofsMount.IsMounted(mountPoint));
    }

    [Fact]
    public async Task ServerDown_Detached_ParentExitsOne()
    {
        var mountPoint = NewMountPoint();
        await _server.StopAsync();
        using var zerofs = ZerofsMount.Start(null, "mount", _server.Endpoint, mountPoint);
        Assert.Equal(1, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("cannot reach the 9P server", zerofs.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadTarget_IsAUsageError()
    {
        using var zerofs = ZerofsMount.Start(null, "mount", "host:notaport", NewMountPoint(), "-f");
        Assert.Equal(2, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("TARGET 'host:notaport'", zerofs.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task Foreground_SignalUnmountsAndExitsZero(string signal)
    {
        var mountPoint = NewMountPoint();
        using var zerofs = ZerofsMount.Start(null, "mount", _server.Endpoint, mountPoint, "-f");
        await zerofs.WaitForStdoutAsync("Mounted", TimeSpan.FromSeconds(60));
        Assert.True(ZerofsMount.IsMounted(mountPoint));
        await File.WriteAllTextAsync(Path.Combine(mountPoint, "from-cli"), "cli");
        Assert.Equal("cli", await _server.View(mountPoint).ReadAllTextAsync(Path.Combine(mountPoint, "from-cli")));

        await Shell.RunAsync("kill", "-" + signal, zerofs.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(ZerofsMount.IsMounted(mountPoint));
        Assert.Contains("Unmounted", zerofs.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detached_MountsThenFusermountUnmountStopsTheDaemon()
    {
        var mountPoint = NewMountPoint();
        var log = _directory.Combine("daemon.log");
        using var zerofs = ZerofsMount.Start(null, "mount", _server.UnixEndpoint, mountPoint, "--log-file", log);
        Assert.Equal(0, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains($"Mounted {_server.UnixEndpoint} at {mountPoint}", zerofs.Stdout, StringComparison.Ordinal);
        Assert.True(ZerofsMount.IsMounted(mountPoint), "the parent must exit only once the mount is live");
        var daemonPid = int.Parse(zerofs.Stdout.Split("(pid ")[1].TrimEnd(')', '.', '\n', '\r'), System.Globalization.CultureInfo.InvariantCulture);

        await File.WriteAllTextAsync(Path.Combine(mountPoint, "detached"), "daemon");
        Assert.Equal("daemon", await _server.View(mountPoint).ReadAllTextAsync(Path.Combine(mountPoint, "detached")));

        var (exit, _, error) = await Shell.RunAsync("fusermount3", "-u", mountPoint);
        Assert.True(exit == 0, error);
        await WaitForExitAsync(daemonPid, TimeSpan.FromSeconds(30));
        Assert.Contains("was unmounted from outside", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonRootUser_MountsWorksAndUnmounts()
    {
        var mountPoint = NewMountPoint();
        await Shell.RunAsync("chown", $"{Shell.OtherUser}:{Shell.OtherUser}", mountPoint);
        await _server.View(mountPoint).MkdirAsync(Path.Combine(mountPoint, "home"), 0x1ed /* rwxr-xr-x */, Shell.OtherUser, Shell.OtherUser);
        await _server.View(mountPoint).MkdirAsync(Path.Combine(mountPoint, "roots"), 0x1ed, 0, 0);

        using var zerofs = ZerofsMount.Start(Shell.OtherUser, "mount", _server.Endpoint, mountPoint, "-f");
        await zerofs.WaitForStdoutAsync("Mounted", TimeSpan.FromSeconds(60));
        Assert.True(ZerofsMount.IsMounted(mountPoint));

        var output = await Shell.PythonAsync($$"""
            import os
            with open('{{mountPoint}}/home/mine', 'w') as f: f.write('user data')
            print(open('{{mountPoint}}/home/mine').read(), os.stat('{{mountPoint}}/home/mine').st_uid)
            try: open('{{mountPoint}}/roots/not-mine', 'w'); print('wrote into a root directory')
            except OSError as e: print(e.errno)
            """, uid: Shell.OtherUser);
        Assert.Equal($"user data {Shell.OtherUser}\n13", output);

        var (exit, _, error) = await Shell.RunAsync("setpriv", $"--reuid={Shell.OtherUser}", $"--regid={Shell.OtherUser}", "--clear-groups", "fusermount3", "-u", mountPoint);
        Assert.True(exit == 0, error);
        Assert.Equal(0, await zerofs.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(ZerofsMount.IsMounted(mountPoint));
    }

    private string NewMountPoint()
    {
        var path = _directory.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static async Task WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal))
        {
            Assert.True(deadline.Elapsed < timeout, $"the mount daemon {pid} is still running after {timeout}");
            await Task.Delay(50);
        }
    }
}
