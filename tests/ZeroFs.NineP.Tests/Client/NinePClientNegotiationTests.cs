using System.Buffers;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

public class NinePClientNegotiationTests
{
    [Fact]
    public async Task Start_ProposesMsizeAndVersion()
    {
        await using var peer = new ScriptedPeer();
        var starting = NinePClient.StartAsync(peer.ClientTransport, new NinePClientOptions());

        var request = await peer.ReadAsync();

        Assert.Equal(OperationStatus.Done, Tversion.TryParse(request.Body, out var tversion));
        var proposed = tversion.MessageSize;
        Assert.Equal((1024u * 1024) + 24, proposed);
        Assert.True(tversion.Version.SequenceEqual("9P2000.L"u8));
        peer.Send(NinePConstants.NoTag, new Rversion(proposed, "9P2000.L"u8));
        await peer.FlushAsync();
        await using var client = await starting;
        Assert.Equal(proposed, client.MessageSize);
        Assert.Equal(1024 * 1024, client.MaxIOSize);
    }

    [Fact]
    public async Task Start_ServerOffersSmallerMsize_ClientUsesIt()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(msize: 8192);
        await using var _ = peer;
        await using var __ = client;

        Assert.Equal(8192u, client.MessageSize);
        Assert.Equal(8192 - 24, client.MaxIOSize);
    }

    [Theory]
    [InlineData(65537u, "9P2000.L")]
    [InlineData(4095u, "9P2000.L")]
    [InlineData(8192u, "unknown")]
    [InlineData(8192u, "9P2000.u")]
    public async Task Start_BadVersionReply_ThrowsProtocolException(uint msize, string version)
    {
        await Assert.ThrowsAsync<NinePProtocolException>(() => ScriptedPeer.ConnectAsync(msize, version: version));
    }

    [Fact]
    public async Task Start_PeerClosesDuringNegotiation_ThrowsConnectionClosed()
    {
        await using var peer = new ScriptedPeer();
        var starting = NinePClient.StartAsync(peer.ClientTransport);
        await peer.ReadAsync();

        await peer.DisconnectAsync();

        await Assert.ThrowsAsync<NinePConnectionClosedException>(() => starting);
    }

    [Fact]
    public async Task Reply_LargerThanMsize_FailsPendingAndClosesTheConnection()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(msize: 8192);
        await using var _ = peer;
        await using var __ = client;
        var pending = client.StatfsAsync(1);
        var request = await peer.ReadAsync();

        peer.SendRaw([0x29, 0x23, 0x00, 0x00, (byte)MessageType.Rstatfs, (byte)request.Tag, 0]);
        await peer.FlushAsync();

        var error = await Assert.ThrowsAsync<NinePConnectionClosedException>(() => pending);
        Assert.IsType<NinePProtocolException>(error.InnerException);
        Assert.True(client.IsClosed);
        await Assert.ThrowsAsync<NinePConnectionClosedException>(() => client.StatfsAsync(1));
    }

    [Theory]
    [InlineData("127.0.0.1:564", 564)]
    [InlineData("[::1]:5640", 5640)]
    [InlineData("example.org:99", 99)]
    [InlineData("example.org", 5564)]
    public void Endpoint_TcpForms_Parse(string endpoint, int port)
    {
        var (address, _, protocol) = NinePEndpoint.Parse(endpoint);

        Assert.Equal(System.Net.Sockets.ProtocolType.Tcp, protocol);
        Assert.EndsWith(":" + port, address.ToString());
    }

    [Fact]
    public void Endpoint_Unix_Parses()
    {
        var (address, family, _) = NinePEndpoint.Parse("unix:/tmp/zerofs.9p.sock");

        Assert.Equal(System.Net.Sockets.AddressFamily.Unix, family);
        Assert.Equal("/tmp/zerofs.9p.sock", address.ToString());
    }

    [Theory]
    [InlineData("unix:")]
    [InlineData("host:notaport")]
    [InlineData("host:70000")]
    [InlineData(":80")]
    public void Endpoint_Malformed_Throws(string endpoint)
    {
        Assert.Throws<FormatException>(() => NinePEndpoint.Parse(endpoint));
    }
}
