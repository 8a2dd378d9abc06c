using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

public class NinePClientConcurrencyTests
{
    [Fact]
    public async Task Replies_OutOfOrder_AreMatchedByTag()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var first = client.ReadlinkAsync(1);
        var second = client.ReadlinkAsync(2);
        var third = client.ReadlinkAsync(3);
        var requests = new List<ScriptedPeer.Request>();
        while (requests.Count < 3)
        {
            requests.AddRange(await peer.ReadAvailableAsync());
        }

        Assert.Equal(3, requests.Select(r => r.Tag).Distinct().Count());
        foreach (var request in Enumerable.Reverse(requests))
        {
            Assert.Equal(OperationStatus.Done, Treadlink.TryParse(request.Body, out var treadlink));
            peer.Send(request.Tag, new Rreadlink(System.Text.Encoding.ASCII.GetBytes("target" + treadlink.Fid)));
            await peer.FlushAsync();
        }

        Assert.Equal("target1"u8.ToArray(), await first);
        Assert.Equal("target2"u8.ToArray(), await second);
        Assert.Equal("target3"u8.ToArray(), await third);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(16)]
    public async Task TwoHundredConcurrentReads_AnsweredInRandomOrder_EachGetsItsOwnData(int maxInFlight)
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = maxInFlight });
        await using var _ = peer;
        await using var __ = client;
        var buffers = Enumerable.Range(0, 200).Select(_ => new byte[8]).ToArray();
        var reads = Enumerable.Range(0, 200).Select(i => client.ReadAsync(7, (ulong)i * 8, buffers[i])).ToArray();
        var server = AnswerReadsAsync(peer, 200, maxInFlight, seed: maxInFlight);

        var counts = await Task.WhenAll(reads);
        await server;

        Assert.All(counts, c => Assert.Equal(8, c));
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal((ulong)i * 8, BinaryPrimitives.ReadUInt64LittleEndian(buffers[i]));
        }
    }

    private static async Task AnswerReadsAsync(ScriptedPeer peer, int total, int maxInFlight, int seed)
    {
        var random = new Random(seed);
        var outstanding = new HashSet<ushort>();
        var answered = 0;
        while (answered < total)
        {
            var batch = await peer.ReadAvailableAsync();
            foreach (var request in batch)
            {
                Assert.True(outstanding.Add(request.Tag), $"tag {request.Tag} reused while in flight");
            }

            Assert.True(outstanding.Count <= maxInFlight);
            foreach (var request in batch.OrderBy(_ => random.Next()))
            {
                Assert.Equal(OperationStatus.Done, Tread.TryParse(request.Body, out var tread));
                var data = new byte[tread.Count];
                BinaryPrimitives.WriteUInt64LittleEndian(data, tread.Offset);
                outstanding.Remove(request.Tag);
                peer.Send(request.Tag, new Rread(data));
                answered++;
            }

            await peer.FlushAsync();
        }
    }

    [Fact]
    public async Task Cancellation_SendsTflush_AndHoldsTheTagUntilRflush()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = 3 });
        await using var _ = peer;
        await using var __ = client;
        using var cancellation = new CancellationTokenSource();
        var read = client.ReadAsync(1, 0, new byte[10], cancellation.Token);
        var tread = await peer.ReadAsync();
        Assert.Equal(MessageType.Tread, tread.Type);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        var tflush = await peer.ReadAsync();
        Assert.Equal(MessageType.Tflush, tflush.Type);
        Assert.Equal(OperationStatus.Done, Tflush.TryParse(tflush.Body, out var flush));
        Assert.Equal(tread.Tag, flush.OldTag);
        Assert.NotEqual(tread.Tag, tflush.Tag);

        // Before Rflush the flushed tag is still reserved: a new request gets the third tag.
        var during = client.StatfsAsync(1);
        var statfs = await peer.ReadAsync();
        Assert.DoesNotContain(statfs.Tag, new[] { tread.Tag, tflush.Tag });

        // A late reply to the flushed request is dropped; then Rflush frees both tags.
        peer.Send(tread.Tag, new Rread([1, 2, 3]));
        peer.Send(tflush.Tag, default(Rflush));
        peer.Send(statfs.Tag, new Rstatfs(1, 4096, 10, 5, 5, 100, 50, 0, 255));
        await peer.FlushAsync();
        Assert.Equal(4096u, (await during).BlockSize);

        var after = client.ReadlinkAsync(1);
        var treadlink = await peer.ReadAsync();
        Assert.Contains(treadlink.Tag, new[] { tread.Tag, tflush.Tag, statfs.Tag });
        peer.Send(treadlink.Tag, new Rreadlink("x"u8));
        await peer.FlushAsync();
        Assert.Equal("x"u8.ToArray(), await after);
    }

    [Fact]
    public async Task ConnectionDrop_FailsEveryPendingRequest_WithConnectionClosed()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = client;
        var pending = Enumerable.Range(0, 5).Select(i => client.GetattrAsync((uint)i)).ToArray();
        var seen = 0;
        while (seen < 5)
        {
            seen += (await peer.ReadAvailableAsync()).Count;
        }

        await peer.DisconnectAsync();

        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<NinePConnectionClosedException>(() => request);
        }

        await Assert.ThrowsAsync<NinePConnectionClosedException>(() => client.ClunkAsync(1));
    }

    [Fact]
    public async Task ConnectionDrop_AlsoFailsCallersStillWaitingForATag()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = 2 });
        await using var _ = client;
        var pending = Enumerable.Range(0, 10).Select(i => client.GetattrAsync((uint)i)).ToArray();
        var seen = 0;
        while (seen < 2)
        {
            seen += (await peer.ReadAvailableAsync()).Count;
        }

        await peer.DisconnectAsync();

        foreach (var request in pending)
        {
            await Assert.ThrowsAsync<NinePConnectionClosedException>(() => request);
        }
    }

    [Fact]
    public async Task Cancellation_WhileWaitingForATag_SendsNothing()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = 1 });
        await using var _ = peer;
        await using var __ = client;
        var first = client.StatfsAsync(1);
        var tstatfs = await peer.ReadAsync();
        using var cancellation = new CancellationTokenSource();
        var waiting = client.ReadlinkAsync(2, cancellation.Token);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        peer.Send(tstatfs.Tag, new Rstatfs(0, 4096, 0, 0, 0, 0, 0, 0, 255));
        await peer.FlushAsync();
        await first;

        // The next frame the peer sees is the next request, not a Treadlink or a Tflush.
        var next = client.FsyncAsync(3);
        Assert.Equal(MessageType.Tfsync, (await peer.ReadAsync()).Type);
        await peer.SendErrorAsync(tstatfs.Tag, P9Errno.EIO);
        await Assert.ThrowsAsync<NinePException>(() => next);
    }

    [Fact]
    public async Task Dispose_FailsPendingRequests()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        var pending = client.FsyncAsync(3);
        await peer.ReadAsync();

        await client.DisposeAsync();

        await Assert.ThrowsAsync<NinePConnectionClosedException>(() => pending);
    }
}
