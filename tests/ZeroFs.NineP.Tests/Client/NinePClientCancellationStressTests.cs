using System.Buffers;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

/// <summary>Random cancellations racing random replies: nothing hangs and every tag comes back.</summary>
public class NinePClientCancellationStressTests
{
    [Fact]
    public async Task EveryRequestCancelled_WithOneTag_TheFlushStillGoesOut()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = 1 });
        await using var _ = peer;
        await using var __ = client;
        using var cancellation = new CancellationTokenSource();
        var request = client.StatfsAsync(1, cancellation.Token);
        var tstatfs = await peer.ReadAsync();

        await cancellation.CancelAsync();

        var tflush = await peer.ReadAsync();
        Assert.Equal(MessageType.Tflush, tflush.Type);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        peer.Send(tflush.Tag, default(Rflush));
        await peer.FlushAsync();
        await WaitUntilIdleAsync(client);
        Assert.Equal(0, client.InFlightCount);
        Assert.NotEqual(tstatfs.Tag, tflush.Tag);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomCancellations_RacingReplies_NoHangAndNoLeakedTags(int seed)
    {
        const int MaxInFlight = 8;
        var (peer, client) = await ScriptedPeer.ConnectAsync(options: new NinePClientOptions { MessageSize = 65536, MaxInFlight = MaxInFlight });
        await using var _ = peer;
        await using var __ = client;
        var random = new Random(seed);
        using var stop = new CancellationTokenSource();
        var server = ServeAsync(peer, new Random(seed + 100), stop.Token);
        var sources = Enumerable.Range(0, 300).Select(_ => new CancellationTokenSource()).ToArray();

        var calls = Enumerable.Range(0, sources.Length).Select(i => client.ReadlinkAsync((uint)i, sources[i].Token)).ToArray();
        foreach (var source in sources.Where(_ => random.Next(3) == 0))
        {
            await source.CancelAsync();
            await Task.Yield();
        }

        for (var i = 0; i < calls.Length; i++)
        {
            try
            {
                Assert.Equal(System.Text.Encoding.ASCII.GetBytes("t" + i), await calls[i]);
            }
            catch (OperationCanceledException)
            {
                Assert.True(sources[i].IsCancellationRequested);
            }
        }

        await WaitUntilIdleAsync(client);
        Assert.Equal(0, client.InFlightCount);
        await stop.CancelAsync();
        await server;
        foreach (var source in sources)
        {
            source.Dispose();
        }
    }

    /// <summary>Answers each batch in random order; for a Tflush, sometimes answers the original first, then Rflush.</summary>
    private static async Task ServeAsync(ScriptedPeer peer, Random random, CancellationToken stop)
    {
        var outstanding = new Dictionary<ushort, uint>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = await peer.ReadAvailableAsync().WaitAsync(stop);
                foreach (var request in batch.OrderBy(_ => random.Next()))
                {
                    if (request.Type == MessageType.Tflush)
                    {
                        Assert.Equal(OperationStatus.Done, Tflush.TryParse(request.Body, out var flush));
                        if (outstanding.Remove(flush.OldTag, out var fid) && random.Next(2) == 0)
                        {
                            peer.Send(flush.OldTag, new Rreadlink(System.Text.Encoding.ASCII.GetBytes("t" + fid)));
                        }

                        peer.Send(request.Tag, default(Rflush));
                        continue;
                    }

                    Assert.Equal(OperationStatus.Done, Treadlink.TryParse(request.Body, out var treadlink));
                    Assert.True(outstanding.TryAdd(request.Tag, treadlink.Fid), $"tag {request.Tag} reused while in flight");
                }

                // Answer everything still outstanding, shuffled; a request that arrives later can
                // overtake one that is answered in a later round only through its own batch.
                foreach (var tag in outstanding.Keys.OrderBy(_ => random.Next()).ToList())
                {
                    outstanding.Remove(tag, out var fid);
                    peer.Send(tag, new Rreadlink(System.Text.Encoding.ASCII.GetBytes("t" + fid)));
                }

                await peer.FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Liveness guard: flush bookkeeping finishes asynchronously after Rflush.</summary>
    private static async Task WaitUntilIdleAsync(NinePClient client)
    {
        for (var i = 0; i < 10_000 && client.InFlightCount > 0; i++)
        {
            await Task.Delay(1);
        }
    }
}
