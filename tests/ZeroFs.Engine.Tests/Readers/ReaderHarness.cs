using System.Text;
using ZeroFs.Crypto;
using ZeroFs.Engine.Readers;
using ZeroFs.Engine.Tests.Db;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Tests.Readers;

/// <summary>Opens readers next to a <see cref="DbHarness"/> writer, with test-friendly polling.</summary>
internal static class ReaderHarness
{
    public static ReaderOptions FollowOptions => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        LeaseLifetime = TimeSpan.FromSeconds(2),
        Compression = new CompressionOptions(CompressionCodec.None),
        RandomSeed = 7,
    };

    public static Task<DbReader> FollowAsync(DbHarness h, ReaderOptions? options = null, IObjectStore? store = null) =>
        Engine.Db.OpenReaderAsync(store ?? h.Store, null, h.Key, options ?? FollowOptions, TimeProvider.System);

    public static Task<DbReader> PinnedAsync(DbHarness h, Guid id, IObjectStore? store = null) =>
        Engine.Db.OpenReaderAsync(store ?? h.Store, null, h.Key, ReaderOptions.Pinned(id), TimeProvider.System);

    public static Task<DbReader> PinnedAsync(DbHarness h, string name, IObjectStore? store = null) =>
        Engine.Db.OpenReaderAsync(store ?? h.Store, null, h.Key, ReaderOptions.Pinned(name), TimeProvider.System);

    public static async Task<List<(string Key, string Value)>> ScanAllAsync(DbIterator iterator)
    {
        using var it = iterator;
        var result = new List<(string, string)>();
        while (await it.MoveNextAsync())
        {
            result.Add((Encoding.UTF8.GetString(it.Key), Encoding.UTF8.GetString(it.Value.Span)));
        }

        return result;
    }

    public static string? Text(byte[]? value) => value is null ? null : Encoding.UTF8.GetString(value);

    /// <summary>Polls <paramref name="condition"/> until true; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    public static async Task AssertMatchesAsync(SortedDictionary<string, string> expected, DbReader reader)
    {
        Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)).ToList(), await ScanAllAsync(reader.Scan()));
        foreach (var (key, value) in expected.Where((_, i) => i % 7 == 0))
        {
            Assert.Equal(value, Text(await reader.GetValueAsync(Encoding.UTF8.GetBytes(key))));
        }
    }
}
