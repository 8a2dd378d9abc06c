using System.Net;
using System.Net.Sockets;
using ZeroFs.ObjectStore.S3;
using ZeroFs.Testing;

namespace ZeroFs.ObjectStore.Tests;

[Collection("moto")]
public sealed class S3ObjectStoreErrorTests(MotoS3Fixture moto)
{
    [Fact]
    public async Task MissingBucket_NonTransientErrorNamingBucket()
    {
        await using var store = moto.CreateStore("no-such-bucket-zf", "p");
        var put = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("k", new byte[] { 1 }, PutCondition.Overwrite));
        Assert.False(put.IsTransient);
        Assert.Contains("no-such-bucket-zf", put.Message, StringComparison.Ordinal);
        Assert.Contains("'k'", put.Message, StringComparison.Ordinal);

        var get = await Assert.ThrowsAsync<ObjectStoreException>(() => store.GetAsync("k"));
        Assert.False(get.IsTransient);
        var list = await Assert.ThrowsAsync<ObjectStoreException>(async () => await store.ListAsync("").ToListAsync());
        Assert.False(list.IsTransient);
        Assert.Contains("no-such-bucket-zf", list.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedPort_TransientError()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var options = moto.CreateOptions("bucket") with { Endpoint = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(2) };
        await using var store = new S3ObjectStore(options);
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAsync<ObjectStoreException>(() => store.PutAsync("k", new byte[] { 1 }, PutCondition.CreateOnly));
        Assert.True(e.IsTransient, e.ToString());
        Assert.Contains("bucket", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ObjectStoreException>(() => store.HeadAsync("k"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Get_Cancelled_ThrowsOperationCanceled()
    {
        await using var store = moto.CreateStore($"cancel-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync("k", null, cts.Token));
    }
}
