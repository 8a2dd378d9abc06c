using System.Buffers;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;

namespace ZeroFs.NineP.Tests.Client;

public class NinePClientOperationTests
{
    [Fact]
    public async Task Rlerror_SurfacesAsNinePExceptionWithErrno()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var walk = client.WalkAsync(0, ["missing"u8.ToArray()]);
        var request = await peer.ReadAsync();

        await peer.SendErrorAsync(request.Tag, P9Errno.ENOENT);

        var error = await Assert.ThrowsAsync<NinePException>(() => walk);
        Assert.Equal(P9Errno.ENOENT, error.Errno);
        Assert.Equal(MessageType.Twalk, error.Request);
        Assert.Contains("ENOENT", error.Message);
    }

    [Fact]
    public async Task Attach_ThenWalk_AllocatesDistinctFids_AndPartialWalkCreatesNone()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var root = new Qid(QidType.Directory, 0, 1);
        var attach = client.AttachAsync("root"u8, "/"u8, 0);
        var tattach = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tattach.TryParse(tattach.Body, out var attachMessage));
        Assert.Equal(NinePConstants.NoFid, attachMessage.AuthFid);
        var rootFid = attachMessage.Fid;
        peer.Send(tattach.Tag, new Rattach(root));
        await peer.FlushAsync();
        Assert.Equal(new FidQid(rootFid, root), await attach);

        var walk = client.WalkAsync(rootFid, ["a"u8.ToArray(), "b"u8.ToArray()]);
        var twalk = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Twalk.TryParse(twalk.Body, out var walkMessage));
        Assert.Equal(2, walkMessage.Names.Count);
        Assert.NotEqual(rootFid, walkMessage.NewFid);
        peer.Send(twalk.Tag, new Rwalk(new QidList([new Qid(QidType.Directory, 0, 2)])));
        await peer.FlushAsync();

        var result = await walk;
        Assert.False(result.IsComplete);
        Assert.Equal(NinePConstants.NoFid, result.Fid);
        Assert.Single(result.Qids);
    }

    [Fact]
    public async Task Write_LargerThanMsize_IsChunkedWithOffsetsAndData()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(msize: 8192);
        await using var _ = peer;
        await using var __ = client;
        var data = Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7)).ToArray();
        var write = client.WriteAsync(4, 1000, data);
        var received = new List<byte>();

        foreach (var (offset, count) in new[] { (1000UL, 8168), (9168UL, 8168), (17336UL, 3664) })
        {
            var request = await peer.ReadAsync();
            Assert.Equal(OperationStatus.Done, Twrite.TryParse(request.Body, out var twrite));
            Assert.Equal((4u, offset, count), (twrite.Fid, twrite.Offset, twrite.Data.Length));
            received.AddRange(twrite.Data.ToArray());
            peer.Send(request.Tag, new Rwrite((uint)count));
            await peer.FlushAsync();
        }

        Assert.Equal(20_000, await write);
        Assert.Equal(data, received.ToArray());
    }

    [Fact]
    public async Task Read_StopsAtShortRead()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync(msize: 8192);
        await using var _ = peer;
        await using var __ = client;
        var buffer = new byte[10_000];
        var read = client.ReadAsync(4, 0, buffer);

        var first = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tread.TryParse(first.Body, out var tread));
        Assert.Equal(8168u, tread.Count);
        peer.Send(first.Tag, new Rread(Enumerable.Repeat((byte)1, 8168).ToArray()));
        await peer.FlushAsync();
        var second = await peer.ReadAsync();
        peer.Send(second.Tag, new Rread([2, 2, 2]));
        await peer.FlushAsync();

        Assert.Equal(8171, await read);
        Assert.Equal(2, buffer[8170]);
        Assert.Equal(0, buffer[8171]);
    }

    [Fact]
    public async Task Read_ReplyLongerThanAsked_IsAProtocolError()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var read = client.ReadAsync(4, 0, new byte[2]);
        var request = await peer.ReadAsync();

        peer.Send(request.Tag, new Rread([1, 2, 3]));
        await peer.FlushAsync();

        await Assert.ThrowsAsync<NinePProtocolException>(() => read);
    }

    [Fact]
    public async Task WrongReplyType_IsAProtocolError()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var mkdir = client.MkdirAsync(1, "d"u8, 0x1ED, 0);
        var request = await peer.ReadAsync();

        peer.Send(request.Tag, default(Rclunk));
        await peer.FlushAsync();

        await Assert.ThrowsAsync<NinePProtocolException>(() => mkdir);
    }

    [Fact]
    public async Task Readdir_ReturnsCopiedEntries()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var readdir = client.ReaddirAsync(3, 0);
        var request = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Treaddir.TryParse(request.Body, out var treaddir));
        Assert.Equal((uint)client.MaxIOSize, treaddir.Count);
        var data = new byte[100];
        Assert.True(new DirectoryEntry(new Qid(QidType.Directory, 0, 1), 1, 4, "."u8).TryWrite(data, out var a));
        Assert.True(new DirectoryEntry(new Qid(QidType.File, 0, 9), 2, 8, [0xFF, 0x00]).TryWrite(data.AsSpan(a), out var b));

        peer.Send(request.Tag, new Rreaddir(data.AsSpan(0, a + b)));
        await peer.FlushAsync();

        var entries = await readdir;
        Assert.Equal(2, entries.Count);
        Assert.Equal(new byte[] { 0xFF, 0x00 }, entries[1].Name);
        Assert.Equal(2UL, entries[1].Offset);
    }

    [Fact]
    public async Task Clunk_FreesTheFidEvenOnError()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;
        var fid = client.AllocateFid();
        var clunk = client.ClunkAsync(fid);
        var request = await peer.ReadAsync();

        await peer.SendErrorAsync(request.Tag, P9Errno.EBADF);

        await Assert.ThrowsAsync<NinePException>(() => clunk);
        Assert.Equal(fid, client.AllocateFid());
    }

    [Fact]
    public async Task Setattr_Getattr_Lock_RoundTripThroughThePeer()
    {
        var (peer, client) = await ScriptedPeer.ConnectAsync();
        await using var _ = peer;
        await using var __ = client;

        var setattr = client.SetattrAsync(new Tsetattr(5, SetattrMask.Size | SetattrMask.MtimeSet | SetattrMask.Mtime, 0, 0, 0, 42, 0, 0, 1700000000, 5));
        var tsetattr = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tsetattr.TryParse(tsetattr.Body, out var s));
        Assert.Equal((5u, 42UL, 1700000000UL), (s.Fid, s.Size, s.MtimeSeconds));
        peer.Send(tsetattr.Tag, default(Rsetattr));
        await peer.FlushAsync();
        await setattr;

        var getattr = client.GetattrAsync(5, GetattrMask.All);
        var tgetattr = await peer.ReadAsync();
        peer.Send(tgetattr.Tag, new Rgetattr(GetattrMask.Basic, new Qid(QidType.File, 1, 5), 0x81A4, 1000, 1000, 1, 0, 42, 4096, 1, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0));
        await peer.FlushAsync();
        var attributes = await getattr;
        Assert.Equal((0x81A4u, 42UL, (3UL, 4UL)), (attributes.Mode, attributes.Size, attributes.Mtime));

        var lockTask = client.LockAsync(5, LockType.Write, LockFlags.Block, 0, 0, 77, "host"u8);
        var tlock = await peer.ReadAsync();
        Assert.Equal(OperationStatus.Done, Tlock.TryParse(tlock.Body, out var l));
        Assert.True(l.ClientId.SequenceEqual("host"u8));
        peer.Send(tlock.Tag, new Rlock(LockStatus.Blocked));
        await peer.FlushAsync();
        Assert.Equal(LockStatus.Blocked, await lockTask);
    }
}
