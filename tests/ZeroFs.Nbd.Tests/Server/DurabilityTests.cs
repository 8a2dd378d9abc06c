using ZeroFs.Nbd.Protocol;
using static ZeroFs.Nbd.Tests.NbdTestHost;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Flush_ThenKill_DataIntactAfterReopen()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4 << 20);
        await host.Fs.SyncAsync();
        var data = Random(3 << 20, 21);
        var client = host.Connect();
        await client.GoAsync("disk");
        await client.WriteAsync(4096, data);
        await client.WriteAsync(100, [1, 2, 3]);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Flush, 0, 0)).Error);

        // Written after the flush and never flushed: a kill may lose it, and must not tear the rest.
        await client.WriteAsync(0, [9]);
        await host.CrashAndReopenAsync();
        await client.DisposeAsync();
        Assert.Equal(data, await host.ReadExportAsync("disk", 4096, data.Length));
        Assert.Equal(new byte[] { 1, 2, 3 }, await host.ReadExportAsync("disk", 100, 3));
    }

    [Fact]
    public async Task FuaWrite_ThenKill_DataIntactAfterReopen()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 1 << 20);
        await host.Fs.SyncAsync();
        var data = Random(70_000, 22);
        var client = host.Connect();
        await client.GoAsync("disk");
        await client.WriteAsync(5, data, CommandFlags.Fua);
        await host.CrashAndReopenAsync();
        await client.DisposeAsync();
        Assert.Equal(data, await host.ReadExportAsync("disk", 5, data.Length));
    }

    [Fact]
    public async Task TrimAndZeroesWithFua_ThenKill_StayZero()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 1 << 20);
        var client = host.Connect();
        await client.GoAsync("disk");
        await client.WriteAsync(0, Random(1 << 20, 23), CommandFlags.Fua);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Trim, 0, 100_000, CommandFlags.Fua)).Error);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.WriteZeroes, 500_000, 100_000, CommandFlags.Fua | CommandFlags.NoHole)).Error);
        await host.CrashAndReopenAsync();
        await client.DisposeAsync();
        Assert.Equal(new byte[100_000], await host.ReadExportAsync("disk", 0, 100_000));
        Assert.Equal(new byte[100_000], await host.ReadExportAsync("disk", 500_000, 100_000));
        Assert.Equal(Random(1 << 20, 23)[100_000..500_000], await host.ReadExportAsync("disk", 100_000, 400_000));
    }

    [Fact]
    public async Task MultiConn_FlushOnOneConnection_CoversWritesCompletedOnAnother()
    {
        // What CAN_MULTI_CONN promises: a FLUSH makes every connection's completed writes durable.
        await using var host = await StartAsync();
        await host.CreateExportAsync("a", 1 << 20);
        await host.CreateExportAsync("b", 1 << 20);
        await host.Fs.SyncAsync();
        var writer = host.Connect();
        await writer.GoAsync("a");
        var other = host.Connect();
        await other.GoAsync("a");
        var third = host.Connect();
        await third.GoAsync("b");
        var data = Random(200_000, 24);
        await writer.WriteAsync(0, data);
        Assert.Equal(data, await other.ReadAsync(0, data.Length)); // visible to every connection at once
        var small = Random(5000, 25);
        await third.WriteAsync(7, small);
        Assert.Equal(0u, (await other.CallAsync(NbdCommand.Flush, 0, 0)).Error);
        await host.CrashAndReopenAsync();
        foreach (var client in new[] { writer, other, third })
        {
            await client.DisposeAsync();
        }

        Assert.Equal(data, await host.ReadExportAsync("a", 0, data.Length));
        Assert.Equal(small, await host.ReadExportAsync("b", 7, small.Length));
    }
}
