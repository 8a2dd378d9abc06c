using System.Buffers.Binary;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Raw frames: limits enforced before buffering, malformed bodies, unknown types, duplicate tags, fuzz.</summary>
public sealed class RawProtocolTests
{
    [Fact]
    public async Task OversizedFrame_ClosesTheConnectionOnItsSizeAlone()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        var msize = await raw.NegotiateAsync(8192);
        var header = new byte[7];
        BinaryPrimitives.WriteUInt32LittleEndian(header, msize + 1);
        header[4] = (byte)MessageType.Twrite;
        await raw.SendAsync(header); // only the header: the server must not wait for the body
        Assert.True(await raw.IsClosedAsync());
        await raw.Connection.Session.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LargeFrameBeforeVersion_ClosesTheConnection()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, NinePServerOptions.PreNegotiationMessageSize + 1);
        await raw.SendAsync(header);
        Assert.True(await raw.IsClosedAsync());
    }

    [Fact]
    public async Task UndersizedFrame_ClosesTheConnection()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.SendAsync([6, 0, 0, 0, 100, 0]);
        Assert.True(await raw.IsClosedAsync());
    }

    [Fact]
    public async Task MalformedBodies_GetEprotoAndTheSessionGoesOn()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);

        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Tgetattr, 10, [1, 0]));                       // truncated
        RawClient.AssertError(await raw.ReceiveAsync(), 10, P9Errno.EPROTO);
        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Tclunk, 11, [1, 0, 0, 0, 9]));                // trailing byte
        RawClient.AssertError(await raw.ReceiveAsync(), 11, P9Errno.EPROTO);
        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Twalk, 12, [1, 0, 0, 0, 2, 0, 0, 0, 17, 0])); // nwname 17
        RawClient.AssertError(await raw.ReceiveAsync(), 12, P9Errno.EPROTO);
        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Tmkdir, 13, [1, 0, 0, 0, 200, 0, 65, 66]));    // string past the end
        RawClient.AssertError(await raw.ReceiveAsync(), 13, P9Errno.EPROTO);
        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Twrite, 14, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1])); // count 9, 1 byte
        RawClient.AssertError(await raw.ReceiveAsync(), 14, P9Errno.EPROTO);
        await raw.SendAsync(RawClient.RawFrame((byte)MessageType.Tversion, NinePConstants.NoTag, [0, 16]));
        RawClient.AssertError(await raw.ReceiveAsync(), NinePConstants.NoTag, P9Errno.EPROTO);

        // A malformed Tversion leaves the session unnegotiated; a good one restores it.
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);
        await raw.SendAsync(RawClient.Frame(15, new Tgetattr(1, GetattrMask.Basic)));
        Assert.Equal(MessageType.Rgetattr, (await raw.ReceiveAsync()).Header.Type);
    }

    [Fact]
    public async Task UnknownAndReplyTypes_GetEopnotsupp()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        foreach (var type in new byte[] { 0, 6, 7, 101, 200, 255, (byte)MessageType.Rread })
        {
            await raw.SendAsync(RawClient.RawFrame(type, 3, [1, 2, 3]));
            RawClient.AssertError(await raw.ReceiveAsync(), 3, P9Errno.EOPNOTSUPP);
        }
    }

    [Fact]
    public async Task DuplicateTagInFlight_IsEprotoAndTheFirstStillCompletes()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);
        await raw.SendAsync(RawClient.Frame(2, new Tlcreate(1, "f"u8, OpenFlags.ReadWrite, 0x1A4, 0)));
        Assert.Equal(MessageType.Rlcreate, (await raw.ReceiveAsync()).Header.Type);
        await raw.SendAsync(RawClient.Frame(3, new Twrite(1, 0, new byte[10])));
        Assert.Equal(MessageType.Rwrite, (await raw.ReceiveAsync()).Header.Type);

        // With the store's writes held, the write below stays not durable and the Tfsync stays in flight.
        harness.Store.Close();
        await raw.SendAsync(RawClient.Frame(4, new Twrite(1, 0, new byte[10])));
        Assert.Equal(MessageType.Rwrite, (await raw.ReceiveAsync()).Header.Type);
        await raw.SendAsync(RawClient.Frame(9, new Tfsync(1, 0)), RawClient.Frame(9, new Tgetattr(1, GetattrMask.Basic)));
        RawClient.AssertError(await raw.ReceiveAsync(), 9, P9Errno.EPROTO);
        harness.Store.Open();
        var fsync = await raw.ReceiveAsync();
        Assert.Equal((MessageType.Rfsync, (ushort)9), (fsync.Header.Type, fsync.Header.Tag));
    }

    [Fact]
    public async Task RequestsBeforeVersion_GetEproto()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.SendAsync(RawClient.Frame(1, new Tattach(0, NinePConstants.NoFid, "root"u8, ""u8, 0)));
        RawClient.AssertError(await raw.ReceiveAsync(), 1, P9Errno.EPROTO);
    }

    [Fact]
    public async Task RandomFrames_NeverCrashTheServer_AndOtherSessionsKeepWorking()
    {
        await using var harness = await StartAsync();
        await using var good = await harness.ConnectClientAsync();
        var goodRoot = await good.Client.AttachAsync("root"u8, ""u8, 0);
        var random = new Random(20240601);
        var knownTypes = Enum.GetValues<MessageType>().Where(t => ((byte)t & 1) == 0).Select(t => (byte)t).ToArray();
        for (var round = 0; round < 8; round++)
        {
            var raw = new RawClient(harness.Connect());
            await raw.NegotiateAsync();
            await raw.AttachAsync(0);
            await raw.AttachAsync(1, 1000);
            var frames = new List<byte[]>();
            for (var i = 0; i < 400; i++)
            {
                var type = random.Next(4) == 0 ? (byte)random.Next(256) : knownTypes[random.Next(knownTypes.Length)];
                if (type == (byte)MessageType.Tversion)
                {
                    continue;
                }

                var body = new byte[random.Next(0, 64)];
                random.NextBytes(body);
                if (type == (byte)MessageType.Tflush && body.Length == 2)
                {
                    body[1] = 0x80; // an oldtag never used here: a flushed request could legitimately send no reply
                }
                if (body.Length >= 4 && random.Next(2) == 0)
                {
                    body[0] = (byte)random.Next(3); // a fid that exists half the time
                    body[1] = body[2] = body[3] = 0;
                }

                frames.Add(RawClient.RawFrame(type, (ushort)i, body));
            }

            var receiving = Task.Run(async () =>
            {
                var replies = 0;
                while (replies < frames.Count)
                {
                    var (header, _) = await raw.ReceiveAsync();
                    Assert.True(((byte)header.Type & 1) == 1, $"a reply type, got {header.Type}");
                    replies++;
                }

                return replies;
            });
            await raw.SendAsync([.. frames]);
            Assert.Equal(frames.Count, await receiving);

            // The fuzzed session still answers, and so does the good one.
            await raw.SendAsync(RawClient.Frame(5000, new Tgetattr(0, GetattrMask.Basic)));
            var reply = await raw.ReceiveAsync();
            Assert.Equal(5000, reply.Header.Tag);
            var name = N($"alive-{round}");
            await good.Client.MkdirAsync(goodRoot.Fid, name, 0x1ED, 0);
            Assert.Single((await good.Client.WalkAsync(goodRoot.Fid, [name])).Qids);
            await raw.Connection.DisposeAsync();
        }

        Assert.True((await harness.Fs.GetAttributesAsync(PosixFileSystem.RootId)).IsOk);
    }
}
