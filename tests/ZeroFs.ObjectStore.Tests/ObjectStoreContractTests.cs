using System.Text;

namespace ZeroFs.ObjectStore.Tests;

/// <summary>The behaviour every <see cref="IObjectStore"/> must show (ENGINE.md §2), run against each store.</summary>
public abstract class ObjectStoreContractTests : IAsyncLifetime
{
    protected IObjectStore Store { get; private set; } = null!;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private async Task<string?> ReadStringAsync(string key)
    {
        using var result = await Store.GetAsync(key);
        return result is null ? null : Encoding.UTF8.GetString(result.Data.Span);
    }

    [Fact]
    public async Task PutGetHeadDelete_RoundTrip()
    {
        var put = await Store.PutAsync("dir/one", Bytes("hello"), PutCondition.Overwrite);
        Assert.True(put.IsOk);
        Assert.False(string.IsNullOrEmpty(put.ETag));

        using (var got = await Store.GetAsync("dir/one"))
        {
            Assert.NotNull(got);
            Assert.Equal("hello", Encoding.UTF8.GetString(got.Data.Span));
            Assert.Equal(5, got.Meta.Size);
            Assert.Equal(put.ETag, got.Meta.ETag);
            Assert.Equal(0, got.RangeStart);
        }

        var head = await Store.HeadAsync("dir/one");
        Assert.NotNull(head);
        Assert.Equal("dir/one", head.Key);
        Assert.Equal(5, head.Size);
        Assert.Equal(put.ETag, head.ETag);
        Assert.True(head.LastModified > DateTimeOffset.UtcNow.AddHours(-1));

        await Store.DeleteAsync("dir/one");
        Assert.Null(await Store.GetAsync("dir/one"));
        Assert.Null(await Store.HeadAsync("dir/one"));
    }

    [Fact]
    public async Task GetAndHead_MissingKey_ReturnNull()
    {
        Assert.Null(await Store.GetAsync("missing/key"));
        Assert.Null(await Store.GetAsync("missing/key", ByteRange.FromOffset(0, 1)));
        Assert.Null(await Store.HeadAsync("missing/key"));
    }

    [Fact]
    public async Task Put_Overwrite_ReplacesBodyAndETag()
    {
        var first = await Store.PutAsync("k", Bytes("first"), PutCondition.Overwrite);
        var second = await Store.PutAsync("k", Bytes("second!"), PutCondition.Overwrite);
        Assert.True(second.IsOk);
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("second!", await ReadStringAsync("k"));
        Assert.Equal(second.ETag, (await Store.HeadAsync("k"))!.ETag);
    }

    [Fact]
    public async Task CreateOnly_Twice_SecondFailsAndBodyUnchanged()
    {
        var first = await Store.PutAsync("c", Bytes("winner"), PutCondition.CreateOnly, new Dictionary<string, string> { ["who"] = "first" });
        Assert.True(first.IsOk);
        var second = await Store.PutAsync("c", Bytes("loser"), PutCondition.CreateOnly, new Dictionary<string, string> { ["who"] = "second" });
        Assert.Equal(PutStatus.PreconditionFailed, second.Status);
        Assert.Null(second.ETag);
        Assert.Equal("winner", await ReadStringAsync("c"));
        var head = await Store.HeadAsync("c");
        Assert.Equal(first.ETag, head!.ETag);
        Assert.Equal("first", head.Metadata!["who"]);
    }

    [Fact]
    public async Task IfMatch_RightETag_Replaces()
    {
        var first = await Store.PutAsync("m", Bytes("v1"), PutCondition.Overwrite);
        var second = await Store.PutAsync("m", Bytes("v2"), PutCondition.IfMatch(first.ETag!));
        Assert.True(second.IsOk);
        Assert.Equal("v2", await ReadStringAsync("m"));
        var third = await Store.PutAsync("m", Bytes("v3"), PutCondition.IfMatch(second.ETag!));
        Assert.True(third.IsOk);
        Assert.Equal("v3", await ReadStringAsync("m"));
    }

    [Fact]
    public async Task IfMatch_WrongOrStaleETag_PreconditionFailed()
    {
        var first = await Store.PutAsync("m", Bytes("v1"), PutCondition.Overwrite);
        await Store.PutAsync("m", Bytes("v2"), PutCondition.Overwrite);
        Assert.Equal(PutStatus.PreconditionFailed, (await Store.PutAsync("m", Bytes("x"), PutCondition.IfMatch(first.ETag!))).Status);
        Assert.Equal(PutStatus.PreconditionFailed, (await Store.PutAsync("m", Bytes("x"), PutCondition.IfMatch("0123456789abcdef"))).Status);
        Assert.Equal("v2", await ReadStringAsync("m"));
    }

    [Fact]
    public async Task IfMatch_MissingKey_PreconditionFailed()
    {
        var result = await Store.PutAsync("absent", Bytes("x"), PutCondition.IfMatch("0123456789abcdef"));
        Assert.Equal(PutStatus.PreconditionFailed, result.Status);
        Assert.Null(await Store.HeadAsync("absent"));
    }

    [Fact]
    public async Task Metadata_RoundTripsThroughHeadAndGet()
    {
        var metadata = new Dictionary<string, string> { ["zf-put-id"] = "01HX-abc", ["role"] = "writer" };
        await Store.PutAsync("meta/obj", Bytes("body"), PutCondition.CreateOnly, metadata);
        var head = await Store.HeadAsync("meta/obj");
        Assert.Equal("01HX-abc", head!.Metadata!["zf-put-id"]);
        Assert.Equal("writer", head.Metadata["role"]);
        using var got = await Store.GetAsync("meta/obj");
        Assert.Equal("01HX-abc", got!.Meta.Metadata!["zf-put-id"]);

        // An overwrite without metadata drops the old metadata.
        await Store.PutAsync("meta/obj", Bytes("body2"), PutCondition.Overwrite);
        Assert.False((await Store.HeadAsync("meta/obj"))!.Metadata!.ContainsKey("role"));
    }

    [Fact]
    public async Task Delete_MissingKey_Succeeds()
    {
        await Store.DeleteAsync("never/was");
        await Store.PutAsync("once", Bytes("x"), PutCondition.Overwrite);
        await Store.DeleteAsync("once");
        await Store.DeleteAsync("once");
        Assert.Null(await Store.HeadAsync("once"));
    }

    [Fact]
    public async Task List_PrefixAndStartAfter_OrdinalOrder()
    {
        string[] keys = ["a/2", "a/10", "a/1", "a-b", "ab", "b/1", "a/1/deep", "A"];
        foreach (var key in keys)
        {
            if (key == "a/1/deep" && Store is LocalDirectoryObjectStore)
            {
                continue; // a file cannot also be a directory on disk
            }

            await Store.PutAsync(key, Bytes(key), PutCondition.Overwrite);
        }

        var all = await ListKeysAsync("");
        var expected = keys.Where(k => Store is not LocalDirectoryObjectStore || k != "a/1/deep").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, all);
        Assert.Equal(expected.Where(k => k.StartsWith('a')).ToList(), await ListKeysAsync("a"));
        Assert.Equal(expected.Where(k => k.StartsWith("a/", StringComparison.Ordinal)).ToList(), await ListKeysAsync("a/"));
        Assert.Equal(expected.Where(k => k.StartsWith("a/1", StringComparison.Ordinal)).ToList(), await ListKeysAsync("a/1"));
        Assert.Equal(["a/2"], await ListKeysAsync("a/", "a/10"));
        Assert.Equal(["b/1"], await ListKeysAsync("", "ab"));
        Assert.Empty(await ListKeysAsync("zzz"));

        var listed = await Store.ListAsync("a-").ToListAsync();
        Assert.Equal(3, listed.Single().Size);
        Assert.Equal((await Store.HeadAsync("a-b"))!.ETag, listed[0].ETag);
    }

    [Fact]
    public async Task List_MoreThanOnePage_ReturnsAllInOrder()
    {
        const int Count = 1100;
        using var gate = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await Store.PutAsync($"page/{i:D5}", new byte[] { (byte)i }, PutCondition.Overwrite);
            }
            finally
            {
                gate.Release();
            }
        }));
        await Store.PutAsync("pagf", new byte[] { 1 }, PutCondition.Overwrite);

        var keys = await ListKeysAsync("page/");
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"page/{i:D5}").ToList(), keys);
        var tail = await ListKeysAsync("page/", "page/00049");
        Assert.Equal(Count - 50, tail.Count);
        Assert.Equal("page/00050", tail[0]);
    }

    [Theory]
    [InlineData(0, "whole", 0, 0, 0, 0)]
    [InlineData(0, "offset", 0, 5, 0, 0)]
    [InlineData(0, "suffix", 3, 0, 0, 0)]
    [InlineData(10, "whole", 0, 0, 0, 10)]
    [InlineData(10, "offset", 0, 10, 0, 10)]
    [InlineData(10, "offset", 2, 0, 2, 0)]
    [InlineData(10, "offset", 12, 3, 10, 0)]
    [InlineData(10, "offset", 10, 1, 10, 0)]
    [InlineData(10, "offset", 9, 1, 9, 1)]
    [InlineData(10, "offset", 8, 5, 8, 2)]
    [InlineData(10, "offset", 3, 4, 3, 4)]
    [InlineData(10, "suffix", 20, 0, 0, 10)]
    [InlineData(10, "suffix", 1, 0, 9, 1)]
    [InlineData(10, "suffix", 0, 0, 10, 0)]
    public async Task Get_Range_ReturnsExactSlice(int size, string kind, long a, long b, long expectedStart, int expectedCount)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)('a' + i)).ToArray();
        var put = await Store.PutAsync("range/obj", body, PutCondition.Overwrite);
        ByteRange? range = kind switch
        {
            "offset" => ByteRange.FromOffset(a, b),
            "suffix" => ByteRange.Suffix(a),
            _ => null,
        };

        using var result = await Store.GetAsync("range/obj", range);
        Assert.NotNull(result);
        Assert.Equal(expectedStart, result.RangeStart);
        Assert.Equal(body.AsSpan((int)expectedStart, expectedCount).ToArray(), result.ToArray());
        Assert.Equal(size, result.Meta.Size);
        Assert.Equal(put.ETag, result.Meta.ETag);
    }

    [Fact]
    public async Task LargeObject_RoundTripsWholeAndRanged()
    {
        var body = new byte[8 * 1024 * 1024];
        new Random(42).NextBytes(body);
        var put = await Store.PutAsync("large/8mib", body, PutCondition.CreateOnly);
        Assert.True(put.IsOk);
        using (var whole = await Store.GetAsync("large/8mib"))
        {
            Assert.True(body.AsSpan().SequenceEqual(whole!.Data.Span));
        }

        using var part = await Store.GetAsync("large/8mib", ByteRange.FromOffset(3_000_000, 1_500_000));
        Assert.True(body.AsSpan(3_000_000, 1_500_000).SequenceEqual(part!.Data.Span));
        Assert.Equal(body.Length, part.Meta.Size);
    }

    [Fact]
    public async Task CreateOnly_SixteenConcurrentTasks_ExactlyOneWins()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = $"race/{round}";
            var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(() => Store.PutAsync(key, Bytes($"task-{i}"), PutCondition.CreateOnly))));
            var winners = results.Select((r, i) => (r, i)).Where(x => x.r.IsOk).ToList();
            Assert.Single(winners);
            Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(PutStatus.PreconditionFailed, r.Status));
            Assert.Equal($"task-{winners[0].i}", await ReadStringAsync(key));
        }
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Upload_ThreeParts_RoundTripsWithMetadata()
    {
        var p1 = RandomBytes(ObjectUploadLimits.MinPartBytes, 1);
        var p2 = RandomBytes(ObjectUploadLimits.MinPartBytes + 7, 2);
        var last = RandomBytes(1234, 3);
        PutResult result;
        await using (var upload = Store.StartUpload("large/up3", PutCondition.CreateOnly, new Dictionary<string, string> { ["role"] = "test" }))
        {
            Assert.Equal("large/up3", upload.Key);
            await upload.WritePartAsync(1, p1);
            await upload.WritePartAsync(2, p2);
            result = await upload.CompleteAsync(last);
        }

        Assert.True(result.IsOk);
        var expected = p1.Concat(p2).Concat(last).ToArray();
        using (var whole = await Store.GetAsync("large/up3"))
        {
            Assert.True(expected.AsSpan().SequenceEqual(whole!.Data.Span));
            Assert.Equal(result.ETag, whole.Meta.ETag);
        }

        using (var ranged = await Store.GetAsync("large/up3", ByteRange.FromOffset(p1.Length - 10, 30)))
        {
            Assert.True(expected.AsSpan(p1.Length - 10, 30).SequenceEqual(ranged!.Data.Span));
        }

        var head = await Store.HeadAsync("large/up3");
        Assert.Equal(expected.Length, head!.Size);
        Assert.Equal(result.ETag, head.ETag);
        Assert.Equal("test", head.Metadata!["role"]);
        Assert.Equal(expected.Length, (await Store.ListAsync("large/").ToListAsync()).Single(m => m.Key == "large/up3").Size);
    }

    [Fact]
    public async Task Upload_NotVisibleUntilComplete_AndAbandonedLeavesNothing()
    {
        await using (var upload = Store.StartUpload("large/pending", PutCondition.CreateOnly))
        {
            await upload.WritePartAsync(1, RandomBytes(ObjectUploadLimits.MinPartBytes, 4));
            Assert.Null(await Store.HeadAsync("large/pending"));
            Assert.Null(await Store.GetAsync("large/pending"));
        }

        Assert.Null(await Store.HeadAsync("large/pending"));
        Assert.Empty(await ListKeysAsync("large/pending"));

        // The key is still free for a later create.
        var put = await Store.PutAsync("large/pending", Bytes("later"), PutCondition.CreateOnly);
        Assert.True(put.IsOk);
    }

    [Fact]
    public async Task Upload_CreateOnlyOnExistingKey_PreconditionFailedAndBodyKept()
    {
        await Store.PutAsync("large/taken", Bytes("first"), PutCondition.Overwrite);
        await using var upload = Store.StartUpload("large/taken", PutCondition.CreateOnly);
        await upload.WritePartAsync(1, RandomBytes(ObjectUploadLimits.MinPartBytes, 5));
        var result = await upload.CompleteAsync(Bytes("tail"));
        Assert.Equal(PutStatus.PreconditionFailed, result.Status);
        Assert.Equal("first", await ReadStringAsync("large/taken"));
    }

    [Fact]
    public void Upload_IfMatch_Rejected()
    {
        Assert.Throws<ArgumentException>(() => Store.StartUpload("large/cas", PutCondition.IfMatch("0123456789abcdef")));
    }

    [Fact]
    public async Task Upload_WithoutParts_IsAPut()
    {
        await using var upload = Store.StartUpload("large/small", PutCondition.CreateOnly, new Dictionary<string, string> { ["k"] = "v" });
        var result = await upload.CompleteAsync(Bytes("tiny"));
        Assert.True(result.IsOk);
        Assert.Equal("tiny", await ReadStringAsync("large/small"));
        Assert.Equal("v", (await Store.HeadAsync("large/small"))!.Metadata!["k"]);
        Assert.Equal(result, await upload.CompleteAsync(Bytes("tiny")));
    }

    [Fact]
    public async Task Upload_RewriteOfLatestPart_ReplacesIt()
    {
        var stale = RandomBytes(ObjectUploadLimits.MinPartBytes + 100, 7);
        var p1 = RandomBytes(ObjectUploadLimits.MinPartBytes, 8);
        var p2 = RandomBytes(ObjectUploadLimits.MinPartBytes + 3, 9);
        await using (var upload = Store.StartUpload("large/rewrite", PutCondition.Overwrite))
        {
            await upload.WritePartAsync(1, stale);
            await upload.WritePartAsync(1, p1);
            await upload.WritePartAsync(2, p2);
            await upload.WritePartAsync(2, p2);
            var result = await upload.CompleteAsync(ReadOnlyMemory<byte>.Empty);
            Assert.True(result.IsOk);
            Assert.Equal(result, await upload.CompleteAsync(ReadOnlyMemory<byte>.Empty));
        }

        using var got = await Store.GetAsync("large/rewrite");
        Assert.True(p1.Concat(p2).ToArray().AsSpan().SequenceEqual(got!.Data.Span));
    }

    [Fact]
    public async Task Upload_SmallOrOutOfOrderPart_Rejected()
    {
        await using var upload = Store.StartUpload("large/bad", PutCondition.Overwrite);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => upload.WritePartAsync(1, new byte[ObjectUploadLimits.MinPartBytes - 1]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => upload.WritePartAsync(2, new byte[ObjectUploadLimits.MinPartBytes]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => upload.WritePartAsync(0, new byte[ObjectUploadLimits.MinPartBytes]));
        Assert.Null(await Store.HeadAsync("large/bad"));
    }

    private async Task<List<string>> ListKeysAsync(string prefix, string? startAfter = null)
    {
        var keys = new List<string>();
        await foreach (var meta in Store.ListAsync(prefix, startAfter))
        {
            keys.Add(meta.Key);
        }

        return keys;
    }
}
