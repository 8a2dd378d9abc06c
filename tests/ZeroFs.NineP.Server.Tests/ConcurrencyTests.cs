using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>
/// Requests in flight at once: replies in completion order, Tflush semantics, back-pressure. A Tfsync is
/// held in flight by holding the store's writes (<see cref="GatedObjectStore"/>) after a write.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task RepliesGoOutAsRequestsFinish_NotInArrivalOrder()
    {
        await using var harness = await StartAsync();
        var raw = await OpenFileAsync(harness);
        harness.Store.Close();
        await WriteAsync(raw);
        await raw.SendAsync(RawClient.Frame(20, new Tfsync(1, 0)), RawClient.Frame(21, new Tgetattr(1, GetattrMask.Basic)), RawClient.Frame(22, new Tstatfs(1)));
        var first = await raw.ReceiveAsync();
        var second = await raw.ReceiveAsync();
        Assert.Equal(new ushort[] { 21, 22 }, new[] { first.Header.Tag, second.Header.Tag }.Order());
        harness.Store.Open();
        var fsync = await raw.ReceiveAsync();
        Assert.Equal((MessageType.Rfsync, (ushort)20), (fsync.Header.Type, fsync.Header.Tag));
    }

    [Fact]
    public async Task Flush_OfAnInFlightRequest_CancelsItsWait_AndRflushIsTheOnlyReply()
    {
        await using var harness = await StartAsync();
        var raw = await OpenFileAsync(harness);
        harness.Store.Close();
        await WriteAsync(raw);
        await raw.SendAsync(RawClient.Frame(30, new Tfsync(1, 0)));
        await raw.SendAsync(RawClient.Frame(31, new Tflush(30)));
        var flushed = await raw.ReceiveAsync();
        Assert.Equal((MessageType.Rflush, (ushort)31), (flushed.Header.Type, flushed.Header.Tag));

        // The tag is free again, and no late Rfsync(30) ever arrives: the next reply is the next request's.
        harness.Store.Open();
        await raw.SendAsync(RawClient.Frame(30, new Tgetattr(1, GetattrMask.Basic)));
        var next = await raw.ReceiveAsync();
        Assert.Equal((MessageType.Rgetattr, (ushort)30), (next.Header.Type, next.Header.Tag));
    }

    [Fact]
    public async Task Flush_OfAFinishedOrUnknownTag_RepliesAtOnce()
    {
        await using var harness = await StartAsync();
        var raw = await OpenFileAsync(harness);
        await raw.SendAsync(RawClient.Frame(40, new Tflush(12345)));
        Assert.Equal((MessageType.Rflush, (ushort)40), ((await raw.ReceiveAsync()).Header.Type, (ushort)40));
        await raw.SendAsync(RawClient.Frame(41, new Tgetattr(1, GetattrMask.Basic)), RawClient.Frame(42, new Tflush(41)));
        var replies = new[] { await raw.ReceiveAsync(), await raw.ReceiveAsync() };

        // Whatever the timing, the old request's reply (if any) precedes Rflush.
        Assert.Equal(MessageType.Rflush, replies[^1].Header.Type);
        Assert.Equal((MessageType.Rgetattr, (ushort)41), (replies[0].Header.Type, replies[0].Header.Tag));
    }

    [Fact]
    public async Task MaxRequestsInFlight_PausesReading_UntilASlotFrees()
    {
        await using var harness = await StartAsync(new NinePServerOptions { MaxRequestsInFlight = 1 });
        var raw = await OpenFileAsync(harness);
        harness.Store.Close();
        await WriteAsync(raw);
        await raw.SendAsync(RawClient.Frame(50, new Tfsync(1, 0)), RawClient.Frame(51, new Tgetattr(1, GetattrMask.Basic)));
        var reading = raw.ReceiveAsync();
        harness.Store.Open();

        // With one slot the getattr cannot overtake the fsync (contrast RepliesGoOutAsRequestsFinish).
        Assert.Equal(50, (await reading).Header.Tag);
        Assert.Equal(51, (await raw.ReceiveAsync()).Header.Tag);
    }

    [Fact]
    public async Task ClientCancellation_FlushesAndTheSessionGoesOn()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var f = await client.WalkAsync(root.Fid, []);
        await client.LcreateAsync(f.Fid, N("f"), OpenFlags.ReadWrite, 0x1A4, 0);
        harness.Store.Close();
        await client.WriteAsync(f.Fid, 0, new byte[100]);
        using var cancel = new CancellationTokenSource();
        var fsync = client.FsyncAsync(f.Fid, cancellationToken: cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fsync);
        harness.Store.Open();
        await client.FsyncAsync(f.Fid);
        Assert.Equal(100ul, (await client.GetattrAsync(f.Fid)).Size);
    }

    [Fact]
    public async Task ManyConcurrentRequests_AllAnsweredCorrectly()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync(new NinePClientOptions { MaxInFlight = 256 });
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var work = Enumerable.Range(0, 64).Select(async i =>
        {
            var fid = await client.WalkAsync(root.Fid, []);
            await client.LcreateAsync(fid.Fid, N($"file-{i}"), OpenFlags.ReadWrite, 0x1A4, 0);
            var data = new byte[1000 + i];
            new Random(i).NextBytes(data);
            await client.WriteAsync(fid.Fid, 0, data);
            var reads = Enumerable.Range(0, 8).Select(async _ =>
            {
                var back = new byte[data.Length];
                Assert.Equal(data.Length, await client.ReadAsync(fid.Fid, 0, back));
                Assert.Equal(data, back);
                Assert.Equal((ulong)data.Length, (await client.GetattrAsync(fid.Fid)).Size);
            });
            await Task.WhenAll(reads);
            await client.ClunkAsync(fid.Fid);
        });
        await Task.WhenAll(work);
        var dir = await client.WalkAsync(root.Fid, []);
        await client.LopenAsync(dir.Fid, OpenFlags.ReadOnly);
        Assert.Equal(66, (await client.ReaddirAsync(dir.Fid, 0)).Count);
    }

    private static async Task<RawClient> OpenFileAsync(ServerHarness harness)
    {
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);
        await raw.SendAsync(RawClient.Frame(2, new Tlcreate(1, "f"u8, OpenFlags.ReadWrite, 0x1A4, 0)));
        Assert.Equal(MessageType.Rlcreate, (await raw.ReceiveAsync()).Header.Type);
        return raw;
    }

    private static async Task WriteAsync(RawClient raw)
    {
        await raw.SendAsync(RawClient.Frame(3, new Twrite(1, 0, new byte[100])));
        Assert.Equal(MessageType.Rwrite, (await raw.ReceiveAsync()).Header.Type);
    }
}
