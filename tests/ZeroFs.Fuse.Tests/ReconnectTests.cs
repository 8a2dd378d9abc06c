namespace ZeroFs.Fuse.Tests;

/// <summary>
/// <c>zerofs run</c> is killed with SIGKILL and restarted on the same store and port under an active mount: the
/// client reconnects, rebuilds its fids by path and carries on; what was fsynced before the kill is there.
/// </summary>
public sealed class ReconnectTests : IAsyncLifetime
{
    private ZerofsServer _server = null!;
    private TestMount _mount = null!;

    public async Task InitializeAsync()
    {
        _server = await ZerofsServer.StartAsync();
        _mount = await TestMount.StartAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _mount.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ServerRestart_OpenFileKeepsWorking_AndFsyncedDataSurvives()
    {
        Directory.CreateDirectory(_mount.Combine("dir"));
        var path = _mount.Combine("dir", "open.bin");

        // Direct I/O, so reads and writes really reach the server instead of the page cache.
        var output = await Shell.PythonAsync($$"""
            import os, mmap, subprocess, sys
            fd = os.open('{{path}}', os.O_RDWR | os.O_CREAT | os.O_DIRECT, 0o644)
            buf = mmap.mmap(-1, 4096)
            buf.write(b'A' * 4096)
            os.pwrite(fd, buf, 0)
            os.fsync(fd)
            print('ready', flush=True)
            sys.stdin.readline()             # the test restarts the server here
            back = mmap.mmap(-1, 4096)
            print(os.preadv(fd, [back], 0), back[:1].decode())
            buf.seek(0); buf.write(b'B' * 4096)
            os.pwrite(fd, buf, 4096)
            os.fsync(fd)
            os.close(fd)
            print(os.path.getsize('{{path}}'), sorted(os.listdir('{{_mount.Combine("dir")}}')))
            """, stdinHook: async () =>
        {
            await _server.StopAsync();
            await _server.RestartAsync();
        });

        Assert.Equal("ready\n4096 A\n8192 ['open.bin']", output);
        var onServer = await _server.View(_mount.Path).ReadAllBytesAsync(_mount.Combine("dir", "open.bin"));
        Assert.Equal(8192, onServer.Length);
        Assert.All(onServer.AsSpan(0, 4096).ToArray(), b => Assert.Equal((byte)'A', b));
        Assert.All(onServer.AsSpan(4096).ToArray(), b => Assert.Equal((byte)'B', b));

        // New operations after the reconnect: lookups walk again from the re-attached root.
        await File.WriteAllTextAsync(_mount.Combine("dir", "after"), "after restart");
        Assert.Equal("after restart", await _server.View(_mount.Path).ReadAllTextAsync(_mount.Combine("dir", "after")));
    }

    [Fact]
    public async Task UnsyncedWritesBeforeARestart_FailTheNextFsync_ThenWritesCarryOn()
    {
        var path = _mount.Combine("unsynced");
        var output = await Shell.PythonAsync($$"""
            import os, sys
            fd = os.open('{{path}}', os.O_RDWR | os.O_CREAT | os.O_DIRECT, 0o644)
            os.fsync(fd)                      # the file itself survives the crash
            import mmap
            buf = mmap.mmap(-1, 4096); buf.write(b'x' * 4096)
            os.pwrite(fd, buf, 0)             # acknowledged, never fsynced
            print('ready', flush=True)
            sys.stdin.readline()
            try: os.fsync(fd); print('fsync ok')
            except OSError as e: print('fsync', e.errno)
            os.pwrite(fd, buf, 4096)
            os.fsync(fd); print('fsync ok')
            os.close(fd)
            """, stdinHook: async () =>
        {
            await _server.StopAsync();
            await _server.RestartAsync();
        });

        Assert.Equal("ready\nfsync 5\nfsync ok", output);
        Assert.Equal(8192ul, (await _server.View(_mount.Path).StatExistingAsync(path)).Size);
    }

    [Fact]
    public async Task ServerAwayLongerThanTheWait_RequestsFailWithEIO()
    {
        await using var impatient = await TestMount.StartAsync(_server, o => o with { ReconnectWait = TimeSpan.FromSeconds(1) });
        File.WriteAllText(impatient.Combine("probe"), "x");
        await _server.StopAsync();
        try
        {
            var output = await Shell.PythonAsync($$"""
                import os
                try: os.listdir('{{impatient.Combine("fresh-dir-never-seen")}}'); print('listed')
                except OSError as e: print(e.errno)
                """);
            Assert.Equal("5", output);
        }
        finally
        {
            await _server.RestartAsync();
        }
    }
}
