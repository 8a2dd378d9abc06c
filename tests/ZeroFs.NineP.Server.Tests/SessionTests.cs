using ZeroFs.FileSystem;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Tversion, Tattach (identity, aname), Tauth and Twalk.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task Version_ClientAsksMoreThanMax_GetsMax()
    {
        await using var harness = await StartAsync(new NinePServerOptions { MaxMessageSize = (2 * 1024 * 1024) + 24 });
        await using var session = await harness.ConnectClientAsync(new NinePClientOptions { MessageSize = 8 * 1024 * 1024 });
        Assert.Equal((2u * 1024 * 1024) + 24, session.Client.MessageSize);
    }

    [Fact]
    public async Task Version_OtherDialect_AnswersUnknownAndRefusesEverythingElse()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.SendAsync(RawClient.Frame(NinePConstants.NoTag, new Tversion(65536, "9P2000.u"u8)));
        var (header, body) = await raw.ReceiveAsync();
        Assert.Equal(MessageType.Rversion, header.Type);
        Rversion.TryParse(body, out var reply);
        Assert.True(reply.Version.SequenceEqual("unknown"u8));

        await raw.SendAsync(RawClient.Frame(3, new Tattach(0, NinePConstants.NoFid, "root"u8, ""u8, 0)));
        RawClient.AssertError(await raw.ReceiveAsync(), 3, P9Errno.EPROTO);
    }

    [Fact]
    public async Task Version_TooSmallMsize_IsEinval()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.SendAsync(RawClient.Frame(NinePConstants.NoTag, new Tversion(1024, NinePConstants.Version)));
        RawClient.AssertError(await raw.ReceiveAsync(), NinePConstants.NoTag, P9Errno.EINVAL);
    }

    [Fact]
    public async Task Version_Again_ClunksEveryFidAndReleasesOpenFiles()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);
        await raw.SendAsync(RawClient.Frame(2, new Tlcreate(1, "f"u8, OpenFlags.ReadWrite, 0x1A4, 0)));
        var (header, body) = await raw.ReceiveAsync();
        Assert.Equal(MessageType.Rlcreate, header.Type);
        Rlcreate.TryParse(body, out var created);
        var inode = created.Qid.Path;
        Assert.Equal(1, harness.Fs.OpenHandleCount(inode));

        Assert.Equal(65536u, await raw.NegotiateAsync());
        Assert.Equal(0, harness.Fs.OpenHandleCount(inode));
        await raw.SendAsync(RawClient.Frame(4, new Tgetattr(1, GetattrMask.Basic)));
        RawClient.AssertError(await raw.ReceiveAsync(), 4, P9Errno.EBADF);
    }

    [Fact]
    public async Task Auth_IsRefusedWithEopnotsupp()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        await Errors.ExpectAsync(P9Errno.EOPNOTSUPP, () => session.Client.AuthAsync("root"u8, ""u8, 0));
    }

    [Fact]
    public async Task Attach_NumericUser_IsUidAndGid()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync("whoever"u8, ""u8, 1000);
        Assert.Equal(QidType.Directory, root.Qid.Type);
        Assert.Equal(PosixFileSystem.RootId, root.Qid.Path);
        var dir = await session.Client.MkdirAsync(root.Fid, N("mine"), 0x1ED, 1000);
        var attributes = await harness.Fs.GetAttributesAsync(dir.Path);
        Assert.Equal((1000u, 1000u), (attributes.Value.Uid, attributes.Value.Gid));
    }

    [Theory]
    [InlineData("root", 0u)]
    [InlineData("alice", 65534u)]
    public async Task Attach_NoNumericUser_ResolvesTheName(string user, uint expected)
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync(N(user), ""u8, NinePConstants.NoUid);
        var dir = await session.Client.MkdirAsync(root.Fid, N("d"), 0x1ED, expected);
        Assert.Equal(expected, (await harness.Fs.GetAttributesAsync(dir.Path)).Value.Uid);
    }

    [Fact]
    public async Task Attach_ForcedCredentials_OverrideTheAttach()
    {
        await using var harness = await StartAsync(new NinePServerOptions { ForcedCredentials = new Credentials(4321, 4322) });
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync("root"u8, ""u8, 0);
        var dir = await session.Client.MkdirAsync(root.Fid, N("d"), 0x1ED, 0);
        var attributes = (await harness.Fs.GetAttributesAsync(dir.Path)).Value;
        Assert.Equal((4321u, 4322u), (attributes.Uid, attributes.Gid));
    }

    [Fact]
    public async Task Attach_AnameSubtree_IsTheRootAndDotDotStaysThere()
    {
        await using var harness = await StartAsync();
        var a = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("a"), 0x1ED)).Value.Id;
        var b = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, a, N("b"), 0x1ED)).Value.Id;
        await using var session = await harness.ConnectClientAsync();
        foreach (var aname in new[] { "a", "/a/", "a/./" })
        {
            var root = await session.Client.AttachAsync("root"u8, N(aname), 0);
            Assert.Equal(a, root.Qid.Path);
            var up = await session.Client.WalkAsync(root.Fid, [N(".."), N(".."), N("b"), N(".."), N("..")]);
            Assert.Equal([a, a, b, a, a], up.Qids.Select(q => q.Path));
            await session.Client.ClunkAsync(up.Fid);
            await session.Client.ClunkAsync(root.Fid);
        }

        var top = await session.Client.AttachAsync("root"u8, "/"u8, 0);
        Assert.Equal(PosixFileSystem.RootId, top.Qid.Path);
        var entries = await session.Client.ReaddirAsync((await OpenDirectoryAsync(session.Client, (await session.Client.AttachAsync("root"u8, "a"u8, 0)).Fid)), 0);
        Assert.Equal(a, entries.Single(e => e.Name.AsSpan().SequenceEqual(".."u8)).Qid.Path);
        await Errors.ExpectAsync(P9Errno.ENOENT, () => session.Client.AttachAsync("root"u8, "a/missing"u8, 0));
    }

    [Fact]
    public async Task Attach_AnameWithoutSearchPermission_IsEacces()
    {
        await using var harness = await StartAsync();
        var secret = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("secret"), 0x1C0)).Value.Id;
        await harness.Fs.MakeDirectoryAsync(Credentials.Root, secret, N("inner"), 0x1ED);
        await using var session = await harness.ConnectClientAsync();
        await Errors.ExpectAsync(P9Errno.EACCES, () => session.Client.AttachAsync("u"u8, "secret/inner"u8, 1000));
        Assert.Equal(secret, (await session.Client.AttachAsync("u"u8, "secret"u8, 1000)).Qid.Path); // the last element needs no search permission
    }

    [Fact]
    public async Task Attach_FidInUse_IsEbadf()
    {
        await using var harness = await StartAsync();
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(5);
        await raw.SendAsync(RawClient.Frame(2, new Tattach(5, NinePConstants.NoFid, "u"u8, ""u8, 0)));
        RawClient.AssertError(await raw.ReceiveAsync(), 2, P9Errno.EBADF);
    }

    [Fact]
    public async Task Walk_EdgeCases()
    {
        await using var harness = await StartAsync();
        var d = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("d"), 0x1ED)).Value.Id;
        var f = (await harness.Fs.CreateAsync(Credentials.Root, d, N("f"), 0x1A4, true)).Value.Id;
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);

        // nwname 0 clones.
        var clone = await client.WalkAsync(root.Fid, []);
        Assert.Empty(clone.Qids);
        Assert.Equal(PosixFileSystem.RootId, (await client.GetattrAsync(clone.Fid)).Qid.Path);

        // Full walk.
        var full = await client.WalkAsync(root.Fid, [N("d"), N("f")]);
        Assert.Equal([d, f], full.Qids.Select(q => q.Path));
        Assert.Equal(QidType.Directory, full.Qids[0].Type);
        Assert.Equal(QidType.File, full.Qids[1].Type);

        // Failure on the first element is an error; later failures return the prefix and no fid.
        await Errors.ExpectAsync(P9Errno.ENOENT, () => client.WalkAsync(root.Fid, [N("nope")]));
        var partial = await client.WalkAsync(root.Fid, [N("d"), N("nope"), N("x")]);
        Assert.Equal(NinePConstants.NoFid, partial.Fid);
        Assert.Equal([d], partial.Qids.Select(q => q.Path));
        var throughFile = await client.WalkAsync(root.Fid, [N("d"), N("f"), N("x")]);
        Assert.Equal(2, throughFile.Qids.Count);
        await Errors.ExpectAsync(P9Errno.ENOTDIR, () => client.WalkAsync(full.Fid, [N("x")]));
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.WalkAsync(999, []));
    }

    [Fact]
    public async Task Walk_PartialDoesNotCreateNewfid_AndNewfidRules()
    {
        await using var harness = await StartAsync();
        await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("d"), 0x1ED);
        var raw = new RawClient(harness.Connect());
        await raw.NegotiateAsync();
        await raw.AttachAsync(1);

        await raw.SendAsync(RawClient.Frame(2, new Twalk(1, 2, new WalkNames([N("d"), N("zz")]))));
        var (header, body) = await raw.ReceiveAsync();
        Assert.Equal(MessageType.Rwalk, header.Type);
        Rwalk.TryParse(body, out var partial);
        Assert.Equal(1, partial.Qids.Count);
        await raw.SendAsync(RawClient.Frame(3, new Tclunk(2)));
        RawClient.AssertError(await raw.ReceiveAsync(), 3, P9Errno.EBADF);

        // newfid in use.
        await raw.SendAsync(RawClient.Frame(4, new Twalk(1, 5, new WalkNames([]))));
        Assert.Equal(MessageType.Rwalk, (await raw.ReceiveAsync()).Header.Type);
        await raw.SendAsync(RawClient.Frame(5, new Twalk(1, 5, new WalkNames([N("d")]))));
        RawClient.AssertError(await raw.ReceiveAsync(), 5, P9Errno.EBADF);

        // newfid == fid moves the fid itself.
        await raw.SendAsync(RawClient.Frame(6, new Twalk(5, 5, new WalkNames([N("d")]))));
        Assert.Equal(MessageType.Rwalk, (await raw.ReceiveAsync()).Header.Type);
        await raw.SendAsync(RawClient.Frame(7, new Tgetattr(5, GetattrMask.Basic)));
        (header, body) = await raw.ReceiveAsync();
        Rgetattr.TryParse(body, out var attributes);
        Assert.Equal(QidType.Directory, attributes.Qid.Type);
        Assert.NotEqual(PosixFileSystem.RootId, attributes.Qid.Path);
    }

    [Fact]
    public async Task Walk_WithoutSearchPermission_IsEacces()
    {
        await using var harness = await StartAsync();
        var secret = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("secret"), 0x1C0)).Value.Id;
        await harness.Fs.CreateAsync(Credentials.Root, secret, N("f"), 0x1A4, true);
        await using var session = await harness.ConnectClientAsync();
        var user = await session.Client.AttachAsync("u"u8, ""u8, 1000);
        var partial = await session.Client.WalkAsync(user.Fid, [N("secret"), N("f")]);
        Assert.Equal((NinePConstants.NoFid, 1), (partial.Fid, partial.Qids.Count));
        var dir = await session.Client.WalkAsync(user.Fid, [N("secret")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => session.Client.WalkAsync(dir.Fid, [N("f")]));
        var root = await session.Client.AttachAsync("root"u8, ""u8, 0);
        Assert.Equal(2, (await session.Client.WalkAsync(root.Fid, [N("secret"), N("f")])).Qids.Count);
    }

    [Fact]
    public async Task FidLimit_IsEmfile()
    {
        await using var harness = await StartAsync(new NinePServerOptions { MaxFidsPerSession = 3 });
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync("root"u8, ""u8, 0);
        await session.Client.WalkAsync(root.Fid, []);
        await session.Client.WalkAsync(root.Fid, []);
        await Errors.ExpectAsync(P9Errno.EMFILE, () => session.Client.WalkAsync(root.Fid, []));
        await Errors.ExpectAsync(P9Errno.EMFILE, () => session.Client.AttachAsync("root"u8, ""u8, 0));
    }

    internal static async Task<uint> OpenDirectoryAsync(NinePClient client, uint fid)
    {
        await client.LopenAsync(fid, OpenFlags.ReadOnly | OpenFlags.Directory);
        return fid;
    }
}
