using System.Net;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Hosting.Tests.Configuration;

public sealed class EmbeddedConfigTests
{
    [Fact]
    public void Create_UsesLocalStoreAndDefaultPortsOnLoopback()
    {
        var options = EmbeddedConfig.Create("password1");

        Assert.Equal("./zerofs-data", options.Storage.Url);
        Assert.Equal("./zerofs-cache", options.Cache.Dir);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 2049)], options.Servers.Nfs?.Addresses);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 5564)], options.Servers.NineP?.Addresses);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 10809)], options.Servers.Nbd?.Addresses);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 7000)], options.Servers.Rpc?.Addresses);
        Assert.Null(options.SourcePath);
    }
}
