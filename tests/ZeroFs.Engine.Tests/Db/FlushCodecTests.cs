using ZeroFs.Crypto;

namespace ZeroFs.Engine.Tests.Db;

/// <summary>
/// Decision engine-0006: with zstd configured, the writer's WAL segments and L0 tables are sealed with lz4 (the
/// ingest path compresses every byte once per segment and once per table), while manifests keep the configured
/// codec and compaction rewrites tables with it. The codec byte of a sealed block is in its clear header.
/// </summary>
public sealed class FlushCodecTests : IDisposable
{
    private const byte Lz4 = (byte)CompressionCodec.Lz4;
    private const byte Zstd = (byte)CompressionCodec.Zstd;

    private readonly DbHarness _h = new();

    [Fact]
    public async Task ZstdConfigured_WalAndL0AreLz4_ManifestsStayZstd()
    {
        var options = DbHarness.Options with { Compression = new CompressionOptions(CompressionCodec.Zstd, 3) };
        await using (var db = await _h.OpenAsync(options: options))
        {
            for (var i = 0; i < 500; i++)
            {
                await db.PutAsync(DbHarness.K(i), DbHarness.V(i));
            }

            await db.WaitDurableAsync((long)db.LastSeq);
        }

        var codecs = new Dictionary<string, HashSet<byte>>();
        foreach (var meta in await _h.Store.ListAllAsync())
        {
            var head = await FirstBytesAsync(meta.Key);
            var kind = meta.Key.StartsWith("sst/", StringComparison.Ordinal) ? "sst"
                : meta.Key.StartsWith("wal/", StringComparison.Ordinal) ? "wal"
                : meta.Key.StartsWith("manifest/", StringComparison.Ordinal) ? "manifest" : null;
            if (kind is not null && head.Length >= 2 && head[0] == 1)
            {
                (codecs.TryGetValue(kind, out var set) ? set : codecs[kind] = []).Add(head[1]);
            }
        }

        Assert.Equal([Lz4], codecs["sst"]);
        Assert.Equal([Lz4], codecs["wal"]);
        Assert.Equal([Zstd], codecs["manifest"]);

        // Everything reads back, whatever codec sealed it.
        await using var reopened = await _h.OpenAsync(options: options);
        Assert.Equal(500, (await DbHarness.ScanAllAsync(reopened)).Count);
    }

    public void Dispose() => _h.Dispose();

    private async Task<byte[]> FirstBytesAsync(string key)
    {
        using var data = await _h.Store.GetAsync(key) ?? throw new InvalidOperationException($"{key} vanished");
        return data.Data.Span[..Math.Min(2, data.Length)].ToArray();
    }
}
