using ZeroFs.Nbd.Protocol;
using ZeroFs.Nbd.Server;
using static ZeroFs.Nbd.Tests.NbdTestHost;
using static ZeroFs.Nbd.Tests.RawNbdClient;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class TransmissionTests
{
    private const uint EPerm = 1;
    private const uint EInval = 22;
    private const uint ENoSpc = 28;
    private const uint ENotSup = 95;
    private const int Size = 1 << 20;

    [Fact]
    public async Task WriteThenRead_UnalignedAndAcrossChunks_RoundTrips()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(100_000, 1);
        await client.WriteAsync(32_000, data);
        Assert.Equal(data, await client.ReadAsync(32_000, data.Length));
        Assert.Equal(data, await host.ReadExportAsync("disk", 32_000, data.Length));
        Assert.Equal(new byte[1000], await client.ReadAsync(0, 1000));
        await client.WriteAsync(Size - 5, [1, 2, 3, 4, 5], CommandFlags.Fua);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await client.ReadAsync(Size - 5, 5));
        Assert.Equal(Size, (await host.Fs.GetAttributesAsync(await host.ExportIdAsync("disk"))).Value.Size);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task ZeroLengthRequests_Succeed_WithoutEffect()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        foreach (var command in new[] { NbdCommand.Read, NbdCommand.Write, NbdCommand.Trim, NbdCommand.WriteZeroes, NbdCommand.Cache })
        {
            var (error, data) = await client.CallAsync(command, Size, 0);
            Assert.Equal(0u, error);
            Assert.Empty(data);
        }
    }

    [Fact]
    public async Task OutOfRange_ReadTrimCacheEinval_WritesEnospc_NothingChanges()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await host.WriteExportAsync("disk", Size - 10, Random(10, 2));
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var cases = new (NbdCommand Command, ulong Offset, uint Length, uint Error)[]
        {
            (NbdCommand.Read, Size - 10, 11, EInval),
            (NbdCommand.Read, Size + 1, 0, EInval),
            (NbdCommand.Read, ulong.MaxValue, 2, EInval),
            (NbdCommand.Trim, Size - 10, 11, EInval),
            (NbdCommand.Cache, Size, 1, EInval),
            (NbdCommand.WriteZeroes, Size - 10, 11, ENoSpc),
            (NbdCommand.WriteZeroes, ulong.MaxValue - 1, 4, ENoSpc),
        };
        foreach (var (command, offset, length, expected) in cases)
        {
            Assert.Equal(expected, (await client.CallAsync(command, offset, length)).Error);
        }

        // A refused WRITE's payload is skipped, so the next request is framed correctly.
        Assert.Equal(ENoSpc, (await client.CallAsync(NbdCommand.Write, Size - 10, 11, payload: Random(11, 3))).Error);
        Assert.Equal(ENoSpc, (await client.CallAsync(NbdCommand.Write, ulong.MaxValue, 8, payload: new byte[8])).Error);
        Assert.Equal(Random(10, 2), await client.ReadAsync(Size - 10, 10));
        Assert.Equal(Size, (await host.Fs.GetAttributesAsync(await host.ExportIdAsync("disk"))).Value.Size);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task OversizedReadAndWrite_Einval_PayloadDrainedWithoutEffect()
    {
        var options = new NbdServerOptions { MaxPayload = 1 << 20, PreferredBlockSize = 4096 };
        await using var host = await StartAsync(serverOptions: options);
        await host.CreateExportAsync("disk", 4 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Read, 0, (1 << 20) + 1)).Error);
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Write, 0, (1 << 20) + 1, payload: Random((1 << 20) + 1, 4))).Error);
        Assert.Equal(new byte[4096], await client.ReadAsync(0, 4096));

        // TRIM and WRITE_ZEROES carry no payload: longer effect lengths are fine.
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Trim, 0, 3 << 20)).Error);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.WriteZeroes, 0, 3 << 20, CommandFlags.NoHole)).Error);
        Assert.Equal(1 << 20, (await client.ReadAsync(0, 1 << 20)).Length);
        await client.DisconnectAsync();
    }

    [Theory]
    [InlineData(NbdCommand.BlockStatus, CommandFlags.None)]
    [InlineData(NbdCommand.Resize, CommandFlags.None)]
    [InlineData((NbdCommand)0x55, CommandFlags.None)]
    [InlineData(NbdCommand.Read, CommandFlags.DontFragment)] // SEND_DF was not advertised
    [InlineData(NbdCommand.Read, CommandFlags.NoHole)]
    [InlineData(NbdCommand.Trim, CommandFlags.FastZero)]
    [InlineData(NbdCommand.Cache, CommandFlags.RequestOne)]
    [InlineData(NbdCommand.Flush, (CommandFlags)0x8000)]
    [InlineData(NbdCommand.WriteZeroes, CommandFlags.DontFragment)]
    public async Task UnknownCommandsAndFlags_Einval_ConnectionStaysUsable(NbdCommand command, CommandFlags flags)
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        Assert.Equal(EInval, (await client.CallAsync(command, 0, 512, flags)).Error);
        await client.WriteAsync(0, [42]);
        Assert.Equal(new byte[] { 42 }, await client.ReadAsync(0, 1));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Trim_ReadsBackZeros_OutsideUntouched()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(300_000, 5);
        await client.WriteAsync(0, data);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Trim, 1000, 200_000, CommandFlags.Fua)).Error);
        var expected = (byte[])data.Clone();
        Array.Clear(expected, 1000, 200_000);
        Assert.Equal(expected, await client.ReadAsync(0, data.Length));
        await client.DisconnectAsync();
    }

    [Theory]
    [InlineData(CommandFlags.None)]
    [InlineData(CommandFlags.NoHole)]
    [InlineData(CommandFlags.NoHole | CommandFlags.Fua)]
    [InlineData(CommandFlags.FastZero)]
    public async Task WriteZeroes_ReadsBackZeros(CommandFlags flags)
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(3 << 20, 6);
        await client.WriteAsync(0, data);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.WriteZeroes, 12_345, (2 << 20) + 777, flags)).Error);
        var expected = (byte[])data.Clone();
        Array.Clear(expected, 12_345, (2 << 20) + 777);
        Assert.Equal(expected, await client.ReadAsync(0, data.Length));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task WriteZeroes_NoHole_AllocatesWhileHolePunchingFrees()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 8 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        await client.WriteAsync(0, Random(4 << 20, 7));
        await host.Fs.SyncAsync();
        var written = await ChunkBytesAsync(host);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.WriteZeroes, 0, 4 << 20)).Error);
        await host.Fs.SyncAsync();
        var punched = await ChunkBytesAsync(host);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.WriteZeroes, 0, 4 << 20, CommandFlags.NoHole)).Error);
        await host.Fs.SyncAsync();
        var provisioned = await ChunkBytesAsync(host);
        Assert.True(written >= 4 << 20, $"{written}");
        Assert.True(punched < 64 * 1024, $"hole punching left {punched} bytes of values");
        Assert.True(provisioned >= 4 << 20, $"NO_HOLE stored only {provisioned} bytes of values");
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task WriteZeroes_FastZeroWithNoHole_EnotsupAndUntouched()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(4096, 8);
        await client.WriteAsync(0, data);
        Assert.Equal(ENotSup, (await client.CallAsync(NbdCommand.WriteZeroes, 0, 4096, CommandFlags.FastZero | CommandFlags.NoHole)).Error);
        Assert.Equal(data, await client.ReadAsync(0, 4096));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task FlushFuaAndCache_Succeed()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        await client.WriteAsync(0, [1]);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Flush, 0, 0)).Error);
        Assert.True(host.Db.DurableSeq >= host.Db.LastSeq, "FLUSH replied before the barrier");
        await client.WriteAsync(1, Random(100_000, 14), CommandFlags.Fua);
        Assert.True(host.Db.DurableSeq >= host.Db.LastSeq, "a FUA write replied before the barrier");
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Flush, 0, 0, CommandFlags.Fua)).Error);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Cache, 0, Size)).Error);
        Assert.Equal(0u, (await client.CallAsync(NbdCommand.Read, 0, 1, CommandFlags.Fua)).Error);
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task MinimumBlockSize_MisalignedEinval_AlignedAndUnalignedTailOk()
    {
        await using var host = await StartAsync(serverOptions: new NbdServerOptions { MinimumBlockSize = 512, PreferredBlockSize = 4096 });
        await host.CreateExportAsync("disk", 4096 + 100);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Read, 1, 512)).Error);
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Read, 0, 100)).Error);
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Write, 0, 100, payload: new byte[100])).Error);
        Assert.Equal(EInval, (await client.CallAsync(NbdCommand.Trim, 512, 1)).Error);
        await client.WriteAsync(512, Random(512, 9));
        await client.WriteAsync(4096, Random(100, 10)); // the unaligned end of the export
        Assert.Equal(Random(100, 10), await client.ReadAsync(4096, 100));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Disconnect_FinishesOutstandingRequests_NoReplyToDisc()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(200_000, 11);
        await client.SendAsync(Request(NbdCommand.Write, 1, 0, (uint)data.Length, payload: data), Request(NbdCommand.Disconnect, 2, 0, 0));
        Assert.Equal((0u, 1UL), await client.ReadReplyAsync());
        Assert.True(await client.ServerClosedAsync());
        await client.Session.WaitAsync(ReplyTimeout);
        await client.DisposeAsync();
        Assert.Equal(data, await host.ReadExportAsync("disk", 0, data.Length));
    }

    [Fact]
    public async Task DisconnectMidWritePayload_NoEffect_SessionEnds()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        var client = host.Connect();
        await client.GoAsync("disk");
        var request = Request(NbdCommand.Write, 1, 0, 4096, payload: Random(4096, 12));
        await client.SendAsync(request[..2000]);
        await client.CloseAsync();
        Assert.True(await client.ServerClosedAsync());
        await client.Session.WaitAsync(ReplyTimeout);
        await client.DisposeAsync();
        Assert.Equal(new byte[4096], await host.ReadExportAsync("disk", 0, 4096));
    }

    [Fact]
    public async Task DisconnectMidHeader_SessionEnds()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        var client = host.Connect();
        await client.GoAsync("disk");
        await client.SendAsync(Request(NbdCommand.Read, 1, 0, 4096)[..27]);
        await client.CloseAsync();
        Assert.True(await client.ServerClosedAsync());
        await client.Session.WaitAsync(ReplyTimeout);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task BadRequestMagic_ClosesThatConnectionOnly()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var healthy = host.Connect();
        await healthy.GoAsync("disk");
        var broken = host.Connect();
        await broken.GoAsync("disk");
        var garbage = Random(64, 13);
        await broken.SendAsync(garbage);
        Assert.True(await broken.ServerClosedAsync());
        await broken.Session.WaitAsync(ReplyTimeout);
        await broken.DisposeAsync();
        await healthy.WriteAsync(0, [5, 6]);
        Assert.Equal(new byte[] { 5, 6 }, await healthy.ReadAsync(0, 2));
        await healthy.DisconnectAsync();
    }

    [Fact]
    public async Task FileShrunkAfterNegotiation_ExportKeepsItsSize_ReadsZerosThere()
    {
        await using var host = await StartAsync();
        var id = await host.CreateExportAsync("disk", Size);
        await host.WriteExportAsync("disk", Size - 4, [1, 2, 3, 4]);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        await host.Fs.SetAttributesAsync(FileSystem.Credentials.Root, id, new FileSystem.SetAttributes { Size = 100 });
        Assert.Equal(new byte[4], await client.ReadAsync(Size - 4, 4));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task ExportRemovedWhileConnected_StaysUsableUntilDisconnect()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", Size);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        Assert.Equal(FileSystem.FsStatus.Ok, await host.Fs.RemoveAsync(FileSystem.Credentials.Root, host.ExportDirectoryId, N("disk")));
        await client.WriteAsync(0, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, await client.ReadAsync(0, 3));
        await client.DisconnectAsync();
    }

    /// <summary>Bytes of live values in the engine (the chunks dominate).</summary>
    private static async Task<long> ChunkBytesAsync(NbdTestHost host)
    {
        long bytes = 0;
        using var scan = host.Db.Scan();
        while (await scan.MoveNextAsync())
        {
            bytes += scan.Value.Length;
        }

        return bytes;
    }
}
