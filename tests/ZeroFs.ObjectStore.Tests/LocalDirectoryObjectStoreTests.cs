using System.Text;
using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

public sealed class LocalDirectoryObjectStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly LocalDirectoryObjectStore _store;

    public LocalDirectoryObjectStoreTests() => _store = new LocalDirectoryObjectStore(_directory.Combine("root"));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task LeftoverTempFile_IsIgnoredByListAndGet()
    {
        await _store.PutAsync("a/b", "data"u8.ToArray(), PutCondition.Overwrite);
        await File.WriteAllTextAsync(Path.Combine(_store.RootPath, ".tmp", "deadbeef.data"), "half-written");
        await File.WriteAllTextAsync(Path.Combine(_store.RootPath, ".locks", "zzz"), "");

        var keys = await _store.ListAsync("").Select(m => m.Key).ToListAsync();
        Assert.Equal(["a/b"], keys);
        Assert.Empty(await _store.ListAsync(".").ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetAsync(".tmp/deadbeef.data"));
    }

    [Fact]
    public async Task Put_WritesDataFileAtKeyPath()
    {
        await _store.PutAsync("sst/01.sst", "bytes"u8.ToArray(), PutCondition.CreateOnly);
        Assert.Equal("bytes", await File.ReadAllTextAsync(Path.Combine(_store.RootPath, "sst", "01.sst")));
        Assert.True(File.Exists(Path.Combine(_store.RootPath, ".meta", "sst", "01.sst")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_store.RootPath, ".tmp")));
    }

    [Fact]
    public async Task StaleOrCorruptSidecar_IsHarmless()
    {
        var put = await _store.PutAsync("k", "value"u8.ToArray(), PutCondition.Overwrite, new Dictionary<string, string> { ["x"] = "1" });
        await File.WriteAllTextAsync(Path.Combine(_store.RootPath, ".meta", "k"), "{not json");
        var head = await _store.HeadAsync("k");
        Assert.Equal(put.ETag, head!.ETag);
        Assert.Empty(head.Metadata!);

        // A file placed by hand (no sidecar at all) still gets its content hash as etag.
        await File.WriteAllTextAsync(Path.Combine(_store.RootPath, "manual"), "value");
        Assert.Equal(put.ETag, (await _store.HeadAsync("manual"))!.ETag);
        Assert.True((await _store.PutAsync("manual", "v2"u8.ToArray(), PutCondition.IfMatch(put.ETag!))).IsOk);
    }

    [Fact]
    public async Task Delete_RemovesDataAndSidecar()
    {
        await _store.PutAsync("d/e", "x"u8.ToArray(), PutCondition.Overwrite, new Dictionary<string, string> { ["a"] = "b" });
        await _store.DeleteAsync("d/e");
        Assert.False(File.Exists(Path.Combine(_store.RootPath, "d", "e")));
        Assert.False(File.Exists(Path.Combine(_store.RootPath, ".meta", "d", "e")));
    }

    [Fact]
    public async Task KeyThatIsADirectory_IsNotAnObject()
    {
        await _store.PutAsync("dir/file", "x"u8.ToArray(), PutCondition.Overwrite);
        Assert.Null(await _store.GetAsync("dir"));
        Assert.Null(await _store.HeadAsync("dir"));
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => _store.PutAsync("dir", "y"u8.ToArray(), PutCondition.Overwrite));
        Assert.Contains("dir", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData(".tmp/x")]
    [InlineData(".meta/x")]
    [InlineData(".locks/x")]
    [InlineData(".tmp")]
    public async Task InvalidKey_IsRejectedNamingTheKey(string key)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(key, "x"u8.ToArray(), PutCondition.Overwrite));
        Assert.Contains($"'{key}'", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.GetAsync(key));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key));
    }

    [Fact]
    public async Task TwoStoreInstancesOnOneDirectory_SeeEachOthersWrites()
    {
        await using var other = new LocalDirectoryObjectStore(_store.RootPath);
        var put = await _store.PutAsync("shared", "one"u8.ToArray(), PutCondition.CreateOnly, new Dictionary<string, string> { ["m"] = "1" });
        Assert.Equal(PutStatus.PreconditionFailed, (await other.PutAsync("shared", "two"u8.ToArray(), PutCondition.CreateOnly)).Status);
        Assert.True((await other.PutAsync("shared", "three"u8.ToArray(), PutCondition.IfMatch(put.ETag!))).IsOk);
        using var got = await _store.GetAsync("shared");
        Assert.Equal("three", Encoding.UTF8.GetString(got!.Data.Span));
    }
}
