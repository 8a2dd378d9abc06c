using System.Buffers.Binary;
using System.Text;
using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;
using ZeroFs.Nbd.Server;
using static ZeroFs.Nbd.Tests.NbdTestHost;
using static ZeroFs.Nbd.Tests.RawNbdClient;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class HandshakeTests
{
    private const uint Ack = (uint)OptionReplyType.Ack;

    [Fact]
    public async Task Greeting_AnnouncesFixedNewstyleAndNoZeroes()
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        Assert.Equal((ushort)(HandshakeFlags.FixedNewstyle | HandshakeFlags.NoZeroes), await client.ReadGreetingAsync());
    }

    [Theory]
    [InlineData(0u)] // plain newstyle
    [InlineData(2u)] // no-zeroes without fixed newstyle
    [InlineData(5u)] // an unknown bit
    [InlineData(0x8000_0001u)]
    public async Task ClientFlags_NotFixedNewstyleOrUnknownBits_Disconnects(uint flags)
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.ReadGreetingAsync();
        await client.SendClientFlagsAsync(flags);
        Assert.True(await client.ServerClosedAsync());
        await client.Session.WaitAsync(ReplyTimeout);
    }

    [Fact]
    public async Task List_ReturnsRegularFilesOnly_ThenAck()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("alpha", 4096);
        await host.CreateExportAsync("beta", 8192);
        await host.Fs.MakeDirectoryAsync(Credentials.Root, host.ExportDirectoryId, N("subdir"), 0x1ED);
        await host.Fs.SymlinkAsync(Credentials.Root, host.ExportDirectoryId, N("link"), N("alpha"));
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        Assert.Equal(["alpha", "beta"], (await ListAsync(client)).Order());
    }

    [Fact]
    public async Task List_WithData_ErrInvalid_NegotiationContinues()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("alpha", 4096);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.List, [1, 2, 3]));
        var reply = await client.ReadOptionReplyAsync();
        Assert.Equal((uint)OptionReplyType.ErrorInvalid, reply.Type);
        Assert.Equal((uint)NbdOption.List, reply.Option);
        Assert.Equal(["alpha"], await ListAsync(client));
    }

    [Fact]
    public async Task Info_KnownExport_ExportAndBlockSizeThenAck_StaysInNegotiation()
    {
        await using var host = await StartAsync(serverOptions: new NbdServerOptions { MaxPayload = 4 * 1024 * 1024 });
        await host.CreateExportAsync("disk", 3 << 20);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.Info, InfoData("disk", (ushort)InfoType.BlockSize)));
        var replies = await client.ReadInfoRepliesAsync();
        Assert.Equal(Ack, replies[^1].Type);
        Assert.All(replies, r => Assert.Equal((uint)NbdOption.Info, r.Option));
        var export = replies.Single(r => r.Type == (uint)OptionReplyType.Info && Type(r) == InfoType.Export).Data;
        Assert.Equal(12, export.Length);
        Assert.Equal(3UL << 20, BinaryPrimitives.ReadUInt64BigEndian(export.AsSpan(2)));
        var flags = (TransmissionFlags)BinaryPrimitives.ReadUInt16BigEndian(export.AsSpan(10));
        Assert.Equal(
            TransmissionFlags.HasFlags | TransmissionFlags.SendFlush | TransmissionFlags.SendFua | TransmissionFlags.SendTrim |
            TransmissionFlags.SendWriteZeroes | TransmissionFlags.CanMultiConn | TransmissionFlags.SendCache | TransmissionFlags.SendFastZero,
            flags);
        var blockSize = replies.Single(r => r.Type == (uint)OptionReplyType.Info && Type(r) == InfoType.BlockSize).Data;
        Assert.Equal(14, blockSize.Length);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(blockSize.AsSpan(2)));
        Assert.Equal(32768u, BinaryPrimitives.ReadUInt32BigEndian(blockSize.AsSpan(6)));
        Assert.Equal(4u << 20, BinaryPrimitives.ReadUInt32BigEndian(blockSize.AsSpan(10)));

        // Still negotiating: another option is answered.
        Assert.Equal(["disk"], await ListAsync(client));
    }

    [Fact]
    public async Task Info_RequestsName_SendsCanonicalName()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4096);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.Info, InfoData("disk", (ushort)InfoType.Name, 0x7777)));
        var replies = await client.ReadInfoRepliesAsync();
        var name = replies.Single(r => r.Type == (uint)OptionReplyType.Info && Type(r) == InfoType.Name).Data;
        Assert.Equal("disk", Encoding.UTF8.GetString(name.AsSpan(2)));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("")] // no default export
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("subdir")] // a directory is not an export
    public async Task InfoAndGo_UnknownExport_ErrUnknown_NegotiationContinues(string name)
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4096);
        await host.Fs.MakeDirectoryAsync(Credentials.Root, host.ExportDirectoryId, N("subdir"), 0x1ED);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        foreach (var option in new[] { NbdOption.Info, NbdOption.Go })
        {
            await client.SendAsync(Option((uint)option, InfoData(name)));
            var reply = await client.ReadOptionReplyAsync();
            Assert.Equal((uint)OptionReplyType.ErrorUnknown, reply.Type);
            Assert.Equal((uint)option, reply.Option);
        }

        await client.SendAsync(Option((uint)NbdOption.Go, InfoData("disk")));
        Assert.Equal(Ack, (await client.ReadInfoRepliesAsync())[^1].Type);
        Assert.Equal(new byte[16], await client.ReadAsync(0, 16));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00000009" + "6469736B" + "0000")]
    [InlineData("00000004" + "6469736B" + "0001")]
    [InlineData("00000004" + "6469736B" + "0000" + "00")]
    public async Task Go_MalformedData_ErrInvalid_NegotiationContinues(string hex)
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4096);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.Go, Convert.FromHexString(hex)));
        Assert.Equal((uint)OptionReplyType.ErrorInvalid, (await client.ReadOptionReplyAsync()).Type);
        Assert.Equal(["disk"], await ListAsync(client));
    }

    [Theory]
    [InlineData(true, 10)]
    [InlineData(false, 134)]
    public async Task ExportName_KnownExport_SizeFlagsAndZeroesThenTransmission(bool noZeroes, int replyLength)
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 1 << 20);
        await host.WriteExportAsync("disk", 100, [7, 8, 9]);
        await using var client = host.Connect();
        await client.StartNegotiationAsync(noZeroes);
        await client.SendAsync(Option((uint)NbdOption.ExportName, N("disk")));
        var reply = await client.ReceiveAsync(replyLength);
        Assert.Equal(1UL << 20, BinaryPrimitives.ReadUInt64BigEndian(reply));
        Assert.True(((TransmissionFlags)BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(8))).HasFlag(TransmissionFlags.HasFlags));
        Assert.All(reply[10..], b => Assert.Equal(0, b));
        Assert.Equal(new byte[] { 7, 8, 9 }, await client.ReadAsync(100, 3));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task ExportName_UnknownExport_Disconnects()
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.ExportName, N("missing")));
        Assert.True(await client.ServerClosedAsync());
    }

    [Theory]
    [InlineData(NbdOption.StructuredReply)]
    [InlineData(NbdOption.StartTls)]
    [InlineData(NbdOption.ListMetaContext)]
    [InlineData(NbdOption.SetMetaContext)]
    [InlineData(NbdOption.PeekExport)]
    [InlineData(NbdOption.ExtendedHeaders)]
    [InlineData((NbdOption)0x1234)]
    public async Task OtherOptions_ErrUnsup_NegotiationContinues(NbdOption option)
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)option, [0, 0, 0, 0, 1, 2]));
        var reply = await client.ReadOptionReplyAsync();
        Assert.Equal((uint)OptionReplyType.ErrorUnsupported, reply.Type);
        Assert.Equal((uint)option, reply.Option);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task OverlongOption_DrainedUnbuffered_ErrTooBig_NegotiationContinues()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 4096);
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        var huge = new byte[1 << 20];
        await client.SendAsync(Option((uint)NbdOption.Info, huge));
        Assert.Equal((uint)OptionReplyType.ErrorTooBig, (await client.ReadOptionReplyAsync()).Type);
        Assert.Equal(["disk"], await ListAsync(client));
    }

    [Fact]
    public async Task OverlongExportName_Disconnects()
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.ExportName, new byte[64 * 1024]));
        Assert.True(await client.ServerClosedAsync());
    }

    [Fact]
    public async Task BadOptionMagic_Disconnects()
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        var option = Option((uint)NbdOption.List, []);
        option[0] ^= 0xFF;
        await client.SendAsync(option);
        Assert.True(await client.ServerClosedAsync());
        await client.Session.WaitAsync(ReplyTimeout);
    }

    [Fact]
    public async Task Abort_Acked_ThenClosed()
    {
        await using var host = await StartAsync();
        await using var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.Abort, [1, 2]));
        var reply = await client.ReadOptionReplyAsync();
        Assert.Equal(Ack, reply.Type);
        Assert.Equal((uint)NbdOption.Abort, reply.Option);
        Assert.True(await client.ServerClosedAsync());
    }

    [Fact]
    public async Task ClientLeavesMidNegotiation_SessionEndsCleanly()
    {
        await using var host = await StartAsync();
        var client = host.Connect();
        await client.StartNegotiationAsync();
        await client.SendAsync(Option((uint)NbdOption.Go, InfoData("disk"))[..10]);
        await client.CloseAsync();
        await client.Session.WaitAsync(ReplyTimeout);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Exports_FollowTheDirectoryWithoutRestart()
    {
        await using var host = await StartAsync();
        await using (var first = host.Connect())
        {
            await first.StartNegotiationAsync();
            Assert.Empty(await ListAsync(first));
        }

        var id = await host.CreateExportAsync("late", 4096);
        await using (var second = host.Connect())
        {
            await second.StartNegotiationAsync();
            Assert.Equal(["late"], await ListAsync(second));
            await second.SendAsync(Option((uint)NbdOption.Info, InfoData("late")));
            Assert.Equal(4096UL, ExportSize(await second.ReadInfoRepliesAsync()));
        }

        await host.Fs.SetAttributesAsync(Credentials.Root, id, new SetAttributes { Size = 1 << 20 });
        await using (var third = host.Connect())
        {
            var (size, _) = await third.GoAsync("late");
            Assert.Equal(1UL << 20, size);
        }

        Assert.Equal(FsStatus.Ok, await host.Fs.RemoveAsync(Credentials.Root, host.ExportDirectoryId, N("late")));
        await using (var fourth = host.Connect())
        {
            await fourth.StartNegotiationAsync();
            Assert.Empty(await ListAsync(fourth));
            await fourth.SendAsync(Option((uint)NbdOption.Go, InfoData("late")));
            Assert.Equal((uint)OptionReplyType.ErrorUnknown, (await fourth.ReadOptionReplyAsync()).Type);
        }
    }

    private static InfoType Type(OptionReply reply) => (InfoType)BinaryPrimitives.ReadUInt16BigEndian(reply.Data);

    private static ulong ExportSize(List<OptionReply> replies) =>
        BinaryPrimitives.ReadUInt64BigEndian(replies.Single(r => r.Type == (uint)OptionReplyType.Info && Type(r) == InfoType.Export).Data.AsSpan(2));

    private static async Task<List<string>> ListAsync(RawNbdClient client)
    {
        await client.SendAsync(Option((uint)NbdOption.List, []));
        var names = new List<string>();
        while (true)
        {
            var reply = await client.ReadOptionReplyAsync();
            Assert.Equal((uint)NbdOption.List, reply.Option);
            if (reply.Type == Ack)
            {
                return names;
            }

            Assert.Equal((uint)OptionReplyType.Server, reply.Type);
            var length = BinaryPrimitives.ReadUInt32BigEndian(reply.Data);
            Assert.Equal(reply.Data.Length - 4, (int)length);
            names.Add(Encoding.UTF8.GetString(reply.Data.AsSpan(4)));
        }
    }
}
