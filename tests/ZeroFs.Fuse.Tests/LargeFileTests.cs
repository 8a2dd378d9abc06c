using System.Security.Cryptography;

namespace ZeroFs.Fuse.Tests;

/// <summary>Large sequential and random I/O: many maximum-size FUSE requests, each split by msize.</summary>
[Collection(MountCollection.Name)]
public sealed class LargeFileTests(MountFixture fixture)
{
    [Fact]
    public async Task LargeFile_WriteReadCompare()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "large.bin");
        var data = RandomNumberGenerator.GetBytes(48 * 1024 * 1024 + 12345);
        await File.WriteAllBytesAsync(path, data);

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await fixture.OnServer.ReadAllBytesAsync(path)));
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(path)));

        // Overwrite scattered ranges through one handle and read them back through another.
        var random = new Random(42);
        await using (var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None))
        {
            for (var i = 0; i < 50; i++)
            {
                var offset = random.Next(0, data.Length - 70_000);
                var chunk = RandomNumberGenerator.GetBytes(random.Next(1, 70_000));
                chunk.CopyTo(data, offset);
                writer.Position = offset;
                await writer.WriteAsync(chunk);
            }
        }

        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await fixture.OnServer.ReadAllBytesAsync(path)));
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(path)));
    }
}
