using ZeroFs.Engine.Sst;
using ZeroFs.Engine.Tests.Db;

namespace ZeroFs.Engine.Tests.Cache;

public sealed class DbReadCacheTests : IDisposable
{
    private readonly DbHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static EngineOptions Options(int readAheadBytes) => DbHarness.Options with
    {
        L0TableBytes = 256 * 1024,
        Sst = new SstWriterOptions { BlockBytes = 4096 },
        ReadAheadBytes = readAheadBytes,
        BlockCacheBytes = 16L * 1024 * 1024,
    };

    [Fact]
    public async Task Get_WarmAfterPublish_ServedFromMemoryWithoutGets()
    {
        await WriteAndPublishAsync(2000);
        var counting = new CountingObjectStore(_harness.Store);
        await using var db = await _harness.OpenAsync(counting, Options(0));

        for (var i = 0; i < 2000; i += 7)
        {
            Assert.Equal(DbHarness.V(i), await db.GetValueAsync(DbHarness.K(i)));
        }

        var coldGets = counting.Gets;
        counting.Reset();
        for (var i = 0; i < 2000; i += 7)
        {
            Assert.Equal(DbHarness.V(i), await db.GetValueAsync(DbHarness.K(i)));
        }

        Assert.True(coldGets > 0);
        Assert.Equal(0, counting.Gets);
        Assert.True(db.Tables.Blocks!.Hits >= 2000 / 7);
    }

    [Fact]
    public async Task Scan_WithReadAhead_FewerLargerGets()
    {
        await WriteAndPublishAsync(3000);
        var (plainGets, plainBytes) = await ScanAndCountAsync(0);
        var (aheadGets, aheadBytes) = await ScanAndCountAsync(1024 * 1024);

        Assert.Equal(plainBytes, aheadBytes);
        Assert.True(aheadGets * 5 < plainGets, $"read-ahead scan made {aheadGets} GETs, plain scan {plainGets}");
        Assert.True(aheadBytes / aheadGets > 5 * (plainBytes / plainGets));
    }

    private async Task<(int Gets, long Bytes)> ScanAndCountAsync(int readAheadBytes)
    {
        var counting = new CountingObjectStore(_harness.Store);
        await using var db = await _harness.OpenAsync(counting, Options(readAheadBytes) with { PublishOnClose = false });
        counting.Reset();
        var rows = await DbHarness.ScanAllAsync(db);
        Assert.Equal(3000, rows.Count);
        Assert.Equal(("key000123", System.Text.Encoding.UTF8.GetString(DbHarness.V(123))), rows[123]);
        var bytes = 0L;
        var gets = 0;
        foreach (var range in counting.Ranges)
        {
            if (range is { } r && !r.IsSuffix && r.Length > 0)
            {
                bytes += r.Length;
                gets++;
            }
        }

        return (gets, bytes);
    }

    private async Task WriteAndPublishAsync(int count)
    {
        await using var db = await _harness.OpenAsync(options: Options(0));
        for (var i = 0; i < count; i++)
        {
            await db.PutAsync(DbHarness.K(i), DbHarness.V(i));
        }

        await db.FlushAsync();
    }
}
