using System.Buffers.Binary;
using ZeroFs.Nbd.Protocol;
using ZeroFs.Nbd.Server;
using ZeroFs.ObjectStore;
using static ZeroFs.Nbd.Tests.NbdTestHost;
using static ZeroFs.Nbd.Tests.RawNbdClient;

namespace ZeroFs.Nbd.Tests.Server;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ManyRequestsInFlight_EveryReplyMatchesItsCookie()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 8 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        const int Count = 300;
        const int BlockSize = 8192;
        var writes = new List<byte[]>();
        for (var i = 0; i < Count; i++)
        {
            writes.Add(Request(NbdCommand.Write, (ulong)i, (ulong)(i * BlockSize), BlockSize, payload: BlockData(i)));
        }

        var sending = client.SendAsync([.. writes]);
        var replied = new HashSet<ulong>();
        for (var i = 0; i < Count; i++)
        {
            var (error, cookie) = await client.ReadReplyAsync();
            Assert.Equal(0u, error);
            Assert.True(replied.Add(cookie), $"cookie {cookie} replied twice");
        }

        await sending;
        Assert.Equal(Count, replied.Count);

        // Pipelined reads: each reply carries the data of the block its cookie names.
        await client.SendAsync([.. Enumerable.Range(0, Count).Select(i => Request(NbdCommand.Read, (ulong)(1000 + i), (ulong)(i * BlockSize), BlockSize))]);
        for (var i = 0; i < Count; i++)
        {
            var (error, cookie) = await client.ReadReplyAsync();
            Assert.Equal(0u, error);
            Assert.Equal(BlockData((int)cookie - 1000), await client.ReceiveAsync(BlockSize));
        }

        await client.DisconnectAsync();

        static byte[] BlockData(int index) => Random(BlockSize, index);
    }

    [Fact]
    public async Task ReadsAreAnsweredWhileAFlushWaitsForTheStore()
    {
        var gated = new GatedObjectStore(new MemoryObjectStore());
        await using var host = await StartAsync(gated);
        await host.CreateExportAsync("disk", 1 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var data = Random(4096, 1);
        await client.WriteAsync(0, data);
        gated.Close();
        try
        {
            // Written after the gate closed, so the flush has something only a PUT can make durable.
            await client.WriteAsync(8192, Random(100, 2));
            await client.SendAsync(Request(NbdCommand.Flush, 1, 0, 0), Request(NbdCommand.Read, 2, 0, 4096), Request(NbdCommand.Read, 3, 0, 16));

            // Both reads overtake the flush (in either order), which cannot finish while the store holds its PUT.
            for (var i = 0; i < 2; i++)
            {
                var (error, cookie) = await client.ReadReplyAsync();
                Assert.Equal(0u, error);
                Assert.True(cookie is 2 or 3, $"reply {cookie} came before both reads");
                Assert.Equal(cookie == 2 ? data : data[..16], await client.ReceiveAsync(cookie == 2 ? 4096 : 16));
            }
        }
        finally
        {
            gated.Open();
        }

        Assert.Equal((0u, 1UL), await client.ReadReplyAsync());
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task Flush_RepliesAfterEveryWriteSentBeforeIt()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 8 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var requests = new List<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            requests.Add(Request(NbdCommand.Write, (ulong)i, (ulong)i * 65536, 65536, payload: Random(65536, 100 + i)));
        }

        requests.Add(Request(NbdCommand.Flush, 999, 0, 0));
        requests.Add(Request(NbdCommand.Read, 1000, 0, 16));
        var sending = client.SendAsync([.. requests]);
        var order = new List<ulong>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (error, cookie) = await client.ReadReplyAsync();
            Assert.Equal(0u, error);
            order.Add(cookie);
            if (cookie == 1000)
            {
                await client.ReceiveAsync(16);
            }
        }

        await sending;
        var flushAt = order.IndexOf(999);
        Assert.Equal(100, order.Take(flushAt).Count(c => c < 100));
        await client.DisconnectAsync();
    }

    [Fact]
    public async Task OneConnectionsGarbage_DoesNotDisturbAnother()
    {
        await using var host = await StartAsync();
        await host.CreateExportAsync("disk", 1 << 20);
        await using var good = host.Connect();
        await good.GoAsync("disk");
        var random = new Random(17);
        for (var round = 0; round < 20; round++)
        {
            var bad = host.Connect();
            var garbage = new byte[random.Next(1, 400)];
            random.NextBytes(garbage);
            if (round % 2 == 0)
            {
                await bad.GoAsync("disk");
            }

            await bad.SendAsync(garbage);
            await bad.CloseAsync();
            await bad.Session.WaitAsync(ReplyTimeout);
            await bad.DisposeAsync();
            var data = Random(512, round);
            await good.WriteAsync((ulong)round * 512, data);
            Assert.Equal(data, await good.ReadAsync((ulong)round * 512, 512));
        }

        await good.DisconnectAsync();
    }

    [Fact]
    public async Task Tracker_AdmitsUpToTheLimits_AndWakesTheWaiter()
    {
        var tracker = new InFlightTracker(maxRequests: 2, maxBytes: 100);
        Assert.True(tracker.WaitForRoomAsync(1000, default).AsTask().IsCompleted); // alone, any size is admitted
        tracker.Start(60, mutation: true);
        var tooBig = tracker.WaitForRoomAsync(50, default).AsTask();
        Assert.False(tooBig.IsCompleted);
        Assert.True(tracker.WaitForRoomAsync(40, default).AsTask().IsCompleted);
        tracker.Start(40, mutation: false);
        var room = tracker.WaitForRoomAsync(0, default).AsTask();
        Assert.False(room.IsCompleted); // two in flight
        var mutations = tracker.WaitForNoMutationsAsync(default).AsTask();
        Assert.False(mutations.IsCompleted);
        tracker.Finish(40, mutation: false);
        await room.WaitAsync(ReplyTimeout);
        Assert.False(tooBig.IsCompleted); // 60 + 50 bytes still exceed the budget
        Assert.False(mutations.IsCompleted);
        tracker.Finish(60, mutation: true);
        await mutations.WaitAsync(ReplyTimeout);
        await tooBig.WaitAsync(ReplyTimeout);
        await tracker.WaitForIdleAsync(default).AsTask().WaitAsync(ReplyTimeout);
        Assert.Equal(0, tracker.Requests);
    }

    [Fact]
    public async Task MaxRequestsInFlight_One_StillServesPipelinedRequests()
    {
        await using var host = await StartAsync(serverOptions: new NbdServerOptions { MaxRequestsInFlight = 1, MaxBytesInFlight = 1 });
        await host.CreateExportAsync("disk", 1 << 20);
        await using var client = host.Connect();
        await client.GoAsync("disk");
        var payload = new byte[4096];
        BinaryPrimitives.WriteInt32BigEndian(payload, 77);
        await client.SendAsync([.. Enumerable.Range(0, 50).Select(i => Request(NbdCommand.Write, (ulong)i, (ulong)i * 4096, 4096, payload: payload))]);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(0u, (await client.ReadReplyAsync()).Error);
        }

        Assert.Equal(payload, await client.ReadAsync(49 * 4096, 4096));
        await client.DisconnectAsync();
    }
}
