using System.Buffers;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

public class NinePClientXattrTests
{
    [Fact]
    public async Task GetXattr_WalksReadsAndClunks()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var get = client.GetXattrAsync(1, "user.color"u8);

        var walk = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Txattrwalk.TryParse(walk.Body, out var txattrwalk));
        Assert.True(txattrwalk.Name.SequenceEqual("user.color"u8));
        var attributeFid = txattrwalk.NewFid;
        peer.Send(walk.Tag, new Rxattrwalk(4));
        await peer.FlushAsync();
        var read = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tread.TryParse(read.Body, out var tread));
        Assert.Equal((attributeFid, 0UL, 4u), (tread.Fid, tread.Offset, tread.Count));
        peer.Send(read.Tag, new Rread("blue"u8));
        await peer.FlushAsync();
        var clunk = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tclunk.TryParse(clunk.Body, out var tclunk));
        Assert.Equal(attributeFid, tclunk.Fid);
        peer.Send(clunk.Tag, default(Rclunk));
        await peer.FlushAsync();

        Assert.Equal("blue"u8.ToArray(), await get);
    }

    [Fact]
    public async Task GetXattr_Missing_SurfacesEnodataWithoutAFidLeak()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var get = client.GetXattrAsync(1, "user.none"u8);
        var walk = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Txattrwalk.TryParse(walk.Body, out var txattrwalk));
        var newFid = txattrwalk.NewFid;

        await peer.SendErrorAsync(walk.Tag, P9Errno.ENODATA);

        Assert.Equal(P9Errno.ENODATA, (await Assert.ThrowsAsync<NinePException>(() => get)).Errno);
        Assert.Equal(newFid, client.AllocateFid());
    }

    [Fact]
    public async Task SetXattr_ClonesCreatesWritesAndClunks()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var set = client.SetXattrAsync(1, "user.color"u8, "red"u8.ToArray(), flags: 1);

        var walk = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Twalk.TryParse(walk.Body, out var twalk));
        Assert.Equal(0, twalk.Names.Count);
        var clone = twalk.NewFid;
        peer.Send(walk.Tag, new Rwalk(default(QidList)));
        await peer.FlushAsync();
        var create = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Txattrcreate.TryParse(create.Body, out var txattrcreate));
        Assert.Equal((clone, 3UL, 1u), (txattrcreate.Fid, txattrcreate.AttributeSize, txattrcreate.Flags));
        peer.Send(create.Tag, default(Rxattrcreate));
        await peer.FlushAsync();
        var write = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Twrite.TryParse(write.Body, out var twrite));
        Assert.True(twrite.Data.SequenceEqual("red"u8));
        peer.Send(write.Tag, new Rwrite(3));
        await peer.FlushAsync();
        var clunk = await peer.ReadAsync();
        Assert.Equal(MessageType.Tclunk, clunk.Type);
        peer.Send(clunk.Tag, default(Rclunk));
        await peer.FlushAsync();

        await set;
    }
}
