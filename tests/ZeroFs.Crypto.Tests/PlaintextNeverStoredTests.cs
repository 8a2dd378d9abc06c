using System.Text;
using ZeroFs.Crypto.Keys;
using ZeroFs.ObjectStore;
using ZeroFs.Testing;

namespace ZeroFs.Crypto.Tests;

/// <summary>
/// Writes a recognisable plaintext marker through the envelope into a real local directory and a
/// real S3 server, then scans every stored byte: the marker must never appear, whatever the codec
/// (including the "none" codec chosen for incompressible data) and whatever the key file holds.
/// </summary>
[Collection("moto")]
public sealed class PlaintextNeverStoredTests(MotoS3Fixture moto)
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("ZEROFS-PLAINTEXT-MARKER-7f3a9c");
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task LocalDirectory_NoObjectOrFileContainsTheMarker()
    {
        using var temp = new TempDirectory();
        var root = temp.Combine("store");
        await using (var store = new LocalDirectoryObjectStore(root))
        {
            await WriteMarkedBlocksAsync(store);
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 10, $"expected the blocks and the key file on disk, found {files.Count} files");
        foreach (var file in files)
        {
            AssertNoMarker(await File.ReadAllBytesAsync(file), file);
        }
    }

    [Fact]
    public async Task S3_NoObjectContainsTheMarker()
    {
        var bucket = await moto.CreateBucketAsync();
        await using var store = moto.CreateStore(bucket, string.Empty);
        await WriteMarkedBlocksAsync(store);

        var count = 0;
        await foreach (var meta in store.ListAsync(string.Empty))
        {
            using var result = await store.GetAsync(meta.Key);
            Assert.NotNull(result);
            AssertNoMarker(result.Data.Span, meta.Key);
            count++;
        }

        Assert.True(count >= 10, $"expected the blocks and the key file in the bucket, found {count} objects");
    }

    private static async Task WriteMarkedBlocksAsync(IObjectStore store)
    {
        var keyOptions = new KeyFileOptions { MemoryKiB = 8 * 1024, Passes = 1 };
        using var key = await KeyFile.OpenOrCreateAsync(store, Password, keyOptions, CancellationToken.None);
        var codecs = new[] { "none", "lz4", "zstd-1", "zstd-3" };
        var index = 0;
        foreach (var codec in codecs)
        {
            using var sealer = new BlockSealer(key, KeyDomain.Sst, CompressionOptions.Parse(codec));
            foreach (var body in new[] { MarkedCompressible(), MarkedRandom(), Marker })
            {
                var aad = Encoding.ASCII.GetBytes($"test/{index}");
                var sealedBlock = sealer.Seal(body, aad);
                var put = await store.PutAsync($"blocks/{index:D4}", sealedBlock, PutCondition.CreateOnly);
                Assert.True(put.IsOk);

                // The stored block still opens: the scan below is of real, readable data.
                Assert.Equal(body, sealer.Unseal(sealedBlock, aad));
                index++;
            }
        }
    }

    private static byte[] MarkedCompressible()
    {
        var data = TestData.Compressible(64 * 1024);
        for (var offset = 0; offset + Marker.Length < data.Length; offset += 4096)
        {
            Marker.CopyTo(data, offset);
        }

        return data;
    }

    private static byte[] MarkedRandom()
    {
        var data = TestData.Random(32 * 1024);
        Marker.CopyTo(data, 1000);
        return data;
    }

    private static void AssertNoMarker(ReadOnlySpan<byte> stored, string where)
    {
        Assert.True(stored.IndexOf(Marker) < 0, $"plaintext marker found in {where}");
    }
}
