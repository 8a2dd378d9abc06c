using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Engine;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting.Tests;

public sealed class ZeroFsHostTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("zerofs-host-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private ZeroFsOptions Options(string password = "password1") =>
        EmbeddedConfig.Create(password) with
        {
            Storage = new StorageOptions { Url = Path.Combine(_root, "data"), EncryptionPassword = password },
            Servers = new ServersOptions
            {
                // Port 0: tests run in parallel and must not fight over the default ports.
                NineP = new ListenerOptions { Addresses = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)] },
            },
        };

    [Fact]
    public async Task StartAsync_Writer_CreatesKeyFileAndStops()
    {
        await using var host = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance);

        await host.StartAsync();
        var served = Assert.Single(host.TcpEndpoints);
        Assert.Equal("ninep", served.Protocol);
        Assert.NotEqual(0, served.EndPoint.Port);
        Assert.Contains($"ninep {served.EndPoint}", host.ServedListeners);
        Assert.Contains("ninep 127.0.0.1:0", host.ConfiguredListeners);
        Assert.NotNull(host.FileSystem);
        await host.StopAsync();

        Assert.True(File.Exists(Path.Combine(_root, "data", "keys", "zerofs.key")));
        Assert.Empty(host.ServedListeners);
        Assert.Null(host.FileSystem);
    }

    [Fact]
    public async Task StartAsync_Writer_OpensTheEngineAndDataSurvivesRestart()
    {
        await using (var first = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance))
        {
            await first.StartAsync();
            var db = Assert.IsType<Db>(first.Database);
            var seq = await db.PutAsync("hello"u8, "world"u8);
            await db.WaitDurableAsync(seq);
        }

        await using var second = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance);
        await second.StartAsync();
        var value = await second.Database!.GetValueAsync("hello"u8.ToArray());
        Assert.Equal("world"u8.ToArray(), value);
        Assert.True(second.Database.Epoch > 1, "the second writer claims a newer epoch");
        await second.StopAsync();
        Assert.Null(second.Database);
    }

    [Fact]
    public async Task StartAsync_SecondWriter_FencesTheFirst()
    {
        await using var first = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance);
        await first.StartAsync();
        var seq = await first.Database!.PutAsync("k"u8, "v1"u8);
        await first.Database.WaitDurableAsync(seq);

        await using var second = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance);
        await second.StartAsync();

        await Assert.ThrowsAsync<FencedException>(async () =>
        {
            var late = await first.Database.PutAsync("k"u8, "v2"u8);
            await first.Database.WaitDurableAsync(late);
        });
        Assert.Equal("v1"u8.ToArray(), await second.Database!.GetValueAsync("k"u8.ToArray()));
    }

    [Fact]
    public async Task StartAsync_ReplicaAndCheckpoint_ReadWhatTheWriterMadeDurable()
    {
        await using var writer = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance);
        await writer.StartAsync();
        var db = writer.Database!;
        await db.WaitDurableAsync(await db.PutAsync("k"u8, "before"u8));
        await db.CreateCheckpointAsync("nightly", null);
        await db.WaitDurableAsync(await db.PutAsync("k"u8, "after"u8));

        await using var replica = new ZeroFsHost(Options(), AccessMode.ReadOnly, null, NullLoggerFactory.Instance);
        await replica.StartAsync();
        Assert.Null(replica.Database);
        Assert.Equal("after"u8.ToArray(), await replica.Reader!.GetValueAsync("k"u8.ToArray()));
        await Assert.ThrowsAsync<ReadOnlyException>(async () => await replica.Reader.PutAsync("k"u8, "nope"u8));

        await using var pinned = new ZeroFsHost(Options(), AccessMode.Checkpoint, "nightly", NullLoggerFactory.Instance);
        await pinned.StartAsync();
        Assert.Equal("before"u8.ToArray(), await pinned.Reader!.GetValueAsync("k"u8.ToArray()));
    }

    [Fact]
    public async Task StartAsync_UnknownCheckpoint_FailsNamingIt()
    {
        await using (var writer = new ZeroFsHost(Options(), AccessMode.Writer, null, NullLoggerFactory.Instance))
        {
            await writer.StartAsync();
        }

        await using var pinned = new ZeroFsHost(Options(), AccessMode.Checkpoint, "no-such-checkpoint", NullLoggerFactory.Instance);
        var ex = await Assert.ThrowsAsync<ZeroFsHostException>(() => pinned.StartAsync());
        Assert.Contains("no-such-checkpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ReadOnlyOnEmptyStore_FailsNamingTheFix()
    {
        await using var host = new ZeroFsHost(Options(), AccessMode.ReadOnly, null, NullLoggerFactory.Instance);

        var ex = await Assert.ThrowsAsync<ZeroFsHostException>(() => host.StartAsync());

        Assert.False(ex.IsUsageError);
        Assert.Contains("not initialised", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "keys")));
    }

    [Fact]
    public async Task StartAsync_WrongPassword_Fails()
    {
        await using (var first = new ZeroFsHost(Options("password1"), AccessMode.Writer, null, NullLoggerFactory.Instance))
        {
            await first.StartAsync();
        }

        await using var second = new ZeroFsHost(Options("password2"), AccessMode.Writer, null, NullLoggerFactory.Instance);
        var ex = await Assert.ThrowsAsync<ZeroFsHostException>(() => second.StartAsync());

        Assert.Contains("wrong password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ShortPasswordOnNewStore_IsUsageError()
    {
        await using var host = new ZeroFsHost(Options("short"), AccessMode.Writer, null, NullLoggerFactory.Instance);

        var ex = await Assert.ThrowsAsync<ZeroFsHostException>(() => host.StartAsync());

        Assert.True(ex.IsUsageError);
    }
}
