using System.Security.Cryptography;
using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine.Tests.Compaction;
using ZeroFs.ObjectStore;
using ZeroFs.Testing;

namespace ZeroFs.Engine.Tests.Process;

/// <summary>
/// Writers and standalone compactors in separate processes (the real binary path of
/// <c>zerofs compactor</c>), against one local directory and one moto bucket.
/// </summary>
[Collection("moto")]
public sealed class ProcessTests(MotoS3Fixture moto) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180); // a bound against hangs on a loaded 2-core machine, not a speed check
    private readonly byte[] _keyBytes = RandomNumberGenerator.GetBytes(DataKey.KeyLength);
    private readonly TempDirectory _directory = new();
    private readonly string _prefix = $"probe-{Guid.NewGuid():N}/";

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task TwoWriterProcesses_FirstFenced_SecondsAcknowledgedWritesSurvive(string kind)
    {
        await using var first = Start(kind, "writer", "a", "1000000");
        await first.WaitForAsync(l => l.StartsWith("durable 49", StringComparison.Ordinal), Timeout);
        await using var second = Start(kind, "writer", "b", "400");
        await first.WaitForAsync(l => l == "fenced", Timeout);
        Assert.Equal(3, await first.ExitAsync(Timeout));
        await second.WaitForAsync(l => l == "done", Timeout);
        Assert.Equal(0, await second.ExitAsync(Timeout));

        var aDurable = first.LastDurable;
        await using var store = Store(kind);
        using var key = DataKey.FromBytes(_keyBytes);
        await using var db = await Engine.Db.OpenWriterAsync(store, null, key, CompactorTests.External, TimeProvider.System);
        for (var i = 0; i < 400; i++)
        {
            Assert.StartsWith($"{i}|", Value(await db.GetValueAsync(K($"b-{i % 500:D4}"))));
        }

        // The fenced writer's acknowledged writes survive too (the newer writer replayed them).
        for (var k = Math.Max(0, aDurable - 499); k <= aDurable; k++)
        {
            var stored = int.Parse(Value(await db.GetValueAsync(K($"a-{k % 500:D4}"))).Split('|')[0]);
            Assert.True(stored >= k, $"a-{k % 500:D4} holds {stored} < acknowledged {k}");
        }
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task WriterAndCompactorProcesses_UnderLoad_ModelEqual_L0Bounded(string kind)
    {
        const int Batches = 3000;
        const int L0Max = 6;
        await using (var init = Start(kind, "writer", "w", "1"))
        {
            await init.WaitForAsync(l => l == "done", Timeout); // creates the tree
        }

        await using var compactor = Start(kind, "compactor");
        await compactor.WaitForAsync(l => l.StartsWith("ready", StringComparison.Ordinal), Timeout);
        await using var writer = Start(kind, "writer", "w", Batches.ToString(), L0Max.ToString());
        await using var store = Store(kind);
        using var key = DataKey.FromBytes(_keyBytes);
        var maxL0 = 0;

        // Sampled while the writer writes: its close publishes past L0MaxTables by design.
        while (!writer.Lines.Contains("closing") && !writer.Lines.Contains("done"))
        {
            maxL0 = Math.Max(maxL0, (await TreeCheck.LatestAsync(store, key)).Manifest.L0.Length);
            await writer.WaitForAsync(_ => true, Timeout);
            await Task.Delay(50);
        }

        Assert.Equal(0, await writer.ExitAsync(Timeout));
        await compactor.SendAsync("stop");
        await compactor.WaitForAsync(l => l == "stopped", Timeout);
        var latest = await TreeCheck.LatestAsync(store, key);
        Assert.InRange(maxL0, 0, L0Max);
        Assert.NotEmpty(latest.Manifest.Runs);
        await TreeCheck.AssertWellFormedAsync(store, latest.Manifest);
        await using var db = await Engine.Db.OpenWriterAsync(store, null, key, CompactorTests.External, TimeProvider.System);
        for (var k = 0; k < 500; k++)
        {
            var last = Enumerable.Range(0, Batches).Last(i => i % 500 == k);
            Assert.StartsWith($"{last}|", Value(await db.GetValueAsync(K($"w-{k:D4}"))));
        }
    }

    [Fact]
    public async Task TwoCompactorProcesses_OlderFenced()
    {
        await using (var init = Start("local", "writer", "w", "1"))
        {
            await init.WaitForAsync(l => l == "done", Timeout);
        }

        await using var older = Start("local", "compactor");
        var olderEpoch = ulong.Parse((await older.WaitForAsync(l => l.StartsWith("ready", StringComparison.Ordinal), Timeout))[6..]);
        await using var newer = Start("local", "compactor");
        var newerEpoch = ulong.Parse((await newer.WaitForAsync(l => l.StartsWith("ready", StringComparison.Ordinal), Timeout))[6..]);
        Assert.Equal(olderEpoch + 1, newerEpoch);
        await older.WaitForAsync(l => l == "fenced", Timeout); // its next heartbeat or commit (or poll) sees the newer epoch
        Assert.Equal(3, await older.ExitAsync(Timeout));
        await newer.SendAsync("stop");
        Assert.Equal(0, await newer.ExitAsync(Timeout));
    }

    private static byte[] K(string s) => Encoding.UTF8.GetBytes(s);

    private static string Value(byte[]? value) => value is null ? "(missing)" : Encoding.UTF8.GetString(value);

    private ProbeProcess Start(string kind, params string[] mode) =>
        ProbeProcess.Start([.. StoreArguments(kind), Convert.ToHexString(_keyBytes), .. mode]);

    private string[] StoreArguments(string kind) => kind == "local"
        ? ["local", _directory.Combine("store")]
        : ["s3", moto.Endpoint.ToString(), moto.DefaultBucket, _prefix];

    private IObjectStore Store(string kind) => kind == "local"
        ? new LocalDirectoryObjectStore(_directory.Combine("store"))
        : new RetryingObjectStore(moto.CreateStore(_prefix), new RetryOptions(), TimeProvider.System); // as production wraps S3
}
