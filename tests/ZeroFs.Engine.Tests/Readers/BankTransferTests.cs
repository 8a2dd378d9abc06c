using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Readers;
using ZeroFs.Engine.Tests.Db;

namespace ZeroFs.Engine.Tests.Readers;

/// <summary>
/// Invariant 3: transfers are atomic batches, so every view — writer snapshots, writer scans,
/// a follower, pinned checkpoints — always sums to the same total.
/// </summary>
public sealed class BankTransferTests : IDisposable
{
    private const int Accounts = 16;
    private const long Initial = 1000;
    private const long Total = Accounts * Initial;
    private readonly DbHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Transfers_SumIsConstantOnEveryView()
    {
        await using var db = await _h.OpenAsync();
        var init = new WriteBatch();
        for (var a = 0; a < Accounts; a++)
        {
            init.Put(Account(a), Amount(Initial));
        }

        await db.WaitDurableAsync(await db.WriteAsync(init));
        await using var follower = await ReaderHarness.FollowAsync(_h);
        var checkpoints = new ConcurrentQueue<CheckpointInfo>();
        var checks = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));

        var writer = Task.Run(async () =>
        {
            var random = new Random(1234);
            var balances = Enumerable.Repeat(Initial, Accounts).ToArray();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var from = random.Next(Accounts);
                var to = (from + 1 + random.Next(Accounts - 1)) % Accounts;
                var amount = random.Next(1, 50);
                balances[from] -= amount;
                balances[to] += amount;
                var seq = await db.WriteAsync(new WriteBatch().Put(Account(from), Amount(balances[from])).Put(Account(to), Amount(balances[to])));
                if (i % 7 == 0)
                {
                    await db.WaitDurableAsync(seq);
                }

                if (i % 150 == 0)
                {
                    checkpoints.Enqueue(await db.CreateCheckpointAsync($"bank{i}", TimeSpan.FromMinutes(5), i % 300 == 0 ? CheckpointScope.All : CheckpointScope.Durable));
                }
            }

            await db.FlushAsync();
            return balances.Sum();
        });

        var views = new List<Task>
        {
            CheckLoopAsync("writer-snapshot", checks, stop.Token, async () =>
            {
                using var snapshot = db.GetSnapshot();
                var byScan = await SumAsync(snapshot.Scan());
                var byGets = 0L;
                for (var a = 0; a < Accounts; a++)
                {
                    var buffer = new ArrayBufferWriter<byte>();
                    Assert.Equal(LookupStatus.Found, (await snapshot.GetAsync(Account(a), buffer)).Status);
                    byGets += long.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan), CultureInfo.InvariantCulture);
                }

                Assert.Equal(byScan, byGets);
                return byScan;
            }),
            CheckLoopAsync("writer-scan", checks, stop.Token, () => SumAsync(db.Scan())),
            CheckLoopAsync("follower-scan", checks, stop.Token, () => SumAsync(follower.Scan())),
            CheckLoopAsync("follower-snapshot", checks, stop.Token, async () =>
            {
                using var snapshot = follower.GetSnapshot();
                return await SumAsync(snapshot.Scan());
            }),
            PinnedLoopAsync(checkpoints, checks, stop.Token),
        };

        Assert.Equal(Total, await writer);
        await Task.WhenAll(views);
        await ReaderHarness.WaitUntilAsync(() => Task.FromResult(follower.LastSeq == db.LastSeq), TimeSpan.FromSeconds(5), "follower convergence");
        Assert.Equal(Total, await SumAsync(follower.Scan()));
        foreach (var view in new[] { "writer-snapshot", "writer-scan", "follower-scan", "follower-snapshot", "pinned" })
        {
            Assert.True(checks.GetValueOrDefault(view) > 3, $"{view} checked only {checks.GetValueOrDefault(view)} times");
        }
    }

    private async Task PinnedLoopAsync(ConcurrentQueue<CheckpointInfo> checkpoints, ConcurrentDictionary<string, int> checks, CancellationToken stop)
    {
        var readers = new List<DbReader>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                while (checkpoints.TryDequeue(out var checkpoint))
                {
                    readers.Add(await ReaderHarness.PinnedAsync(_h, checkpoint.Id));
                }

                foreach (var reader in readers)
                {
                    Assert.Equal(Total, await SumAsync(reader.Scan()));
                    checks.AddOrUpdate("pinned", 1, (_, n) => n + 1);
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    private static async Task CheckLoopAsync(string view, ConcurrentDictionary<string, int> checks, CancellationToken stop, Func<Task<long>> sum)
    {
        while (!stop.IsCancellationRequested)
        {
            Assert.Equal(Total, await sum());
            checks.AddOrUpdate(view, 1, (_, n) => n + 1);
            await Task.Yield();
        }
    }

    private static async Task<long> SumAsync(DbIterator iterator)
    {
        using var it = iterator;
        var sum = 0L;
        var count = 0;
        while (await it.MoveNextAsync())
        {
            sum += long.Parse(Encoding.UTF8.GetString(it.Value.Span), CultureInfo.InvariantCulture);
            count++;
        }

        Assert.Equal(Accounts, count);
        return sum;
    }

    private static byte[] Account(int a) => Encoding.UTF8.GetBytes($"acct{a:D3}");

    private static byte[] Amount(long value) => Encoding.UTF8.GetBytes(value.ToString(CultureInfo.InvariantCulture));
}
