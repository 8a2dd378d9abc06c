using System.Text;
using ZeroFs.FileSystem;
using ZeroFs.Nfs.Nfs3;
using ZeroFs.Nfs.Rpc;
using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Tests.Server;

/// <summary>Every NFSv3 procedure over in-memory pipes against a real filesystem on a real engine.</summary>
public sealed class ProcedureTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task GetAttr_Root_IsDirectoryWithFsidAndFileId()
    {
        await using var h = await NfsHarness.OpenAsync(new NfsServerOptions { VolumeId = 42 });
        var reply = await h.Connect().GetAttrAsync(h.RootHandle);
        Assert.Equal(Nfs3Status.Ok, reply.Status);
        Assert.Equal(Nfs3FileType.Directory, reply.Attributes.Type);
        Assert.Equal(0x3FFu, reply.Attributes.Mode);
        Assert.Equal(42ul, reply.Attributes.Fsid);
        Assert.Equal(PosixFileSystem.RootId, reply.Attributes.FileId);
    }

    [Fact]
    public async Task CreateWriteReadLookup_RoundTripsData()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect(1000, 1000);
        var created = await c.CreateAsync(h.RootHandle, "file");
        Assert.Equal(Nfs3Status.Ok, created.Status);
        Assert.NotNull(created.Object);
        Assert.Equal(1000u, created.ObjectAttributes!.Value.Uid);
        Assert.Equal(0x1A4u, created.ObjectAttributes.Value.Mode);
        Assert.NotNull(created.DirWcc.Before);
        Assert.NotNull(created.DirWcc.After);
        var file = created.Object!.Value;

        var written = await c.WriteAsync(file, 0, Data);
        Assert.Equal(Nfs3Status.Ok, written.Status);
        Assert.Equal((uint)Data.Length, written.Count);
        Assert.Equal(0ul, written.Wcc.Before!.Value.Size);
        Assert.Equal((ulong)Data.Length, written.Wcc.After!.Value.Size);

        var read = await c.ReadAsync(file, 10, 50_000);
        Assert.Equal(Nfs3Status.Ok, read.Status);
        Assert.Equal(50_000u, read.Count);
        Assert.False(read.Eof);
        Assert.Equal(Data.AsSpan(10, 50_000).ToArray(), read.Data.ToArray());
        var tail = await c.ReadAsync(file, 90_000, 50_000);
        Assert.Equal(10_000u, tail.Count);
        Assert.True(tail.Eof);
        var beyond = await c.ReadAsync(file, 200_000, 10);
        Assert.Equal(0u, beyond.Count);
        Assert.True(beyond.Eof);

        var found = await c.LookupAsync(h.RootHandle, "file");
        Assert.Equal(Nfs3Status.Ok, found.Status);
        Assert.Equal(file, found.Object);
        Assert.Equal((ulong)Data.Length, found.ObjectAttributes!.Value.Size);
        Assert.NotNull(found.DirAttributes);
        var missing = await c.LookupAsync(h.RootHandle, "nope");
        Assert.Equal(Nfs3Status.NoEntry, missing.Status);
        Assert.NotNull(missing.DirAttributes);
    }

    [Fact]
    public async Task Create_Modes_UncheckedGuardedExclusive()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect(1000, 1000);
        var first = await c.CreateAsync(h.RootHandle, "f", CreateMode.Guarded);
        Assert.Equal(Nfs3Status.Ok, first.Status);
        await c.WriteAsync(first.Object!.Value, 0, Data);
        Assert.Equal(Nfs3Status.Exists, (await c.CreateAsync(h.RootHandle, "f", CreateMode.Guarded)).Status);
        var unchecked_ = await c.CreateAsync(h.RootHandle, "f", CreateMode.Unchecked);
        Assert.Equal(Nfs3Status.Ok, unchecked_.Status);
        Assert.Equal(first.Object, unchecked_.Object);
        Assert.Equal((ulong)Data.Length, unchecked_.ObjectAttributes!.Value.Size); // no size given: not truncated

        // UNCHECKED with size 0 truncates the existing file.
        var truncate = await c.NfsAsync<CreateReply, CreateArgs>(Nfs3Procedure.Create, new CreateArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("f")), CreateMode.Unchecked, new Nfs3SetAttributes(null, null, null, 0, default, default), 0));
        Assert.Equal(Nfs3Status.Ok, truncate.Status);
        Assert.Equal(0ul, truncate.ObjectAttributes!.Value.Size);

        Assert.Equal(Nfs3Status.Ok, (await c.MkdirAsync(h.RootHandle, "dir")).Status);
        Assert.Equal(Nfs3Status.IsDirectory, (await c.CreateAsync(h.RootHandle, "dir", CreateMode.Unchecked)).Status);
        Assert.Equal(Nfs3Status.Exists, (await c.CreateAsync(h.RootHandle, "dir", CreateMode.Guarded)).Status);
    }

    [Fact]
    public async Task CreateExclusive_Retransmit_IsIdempotent_OtherVerifierGetsExist()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect(1000, 1000);
        const ulong Verifier = 0x0123_4567_89AB_CDEF;
        var first = await c.CreateAsync(h.RootHandle, "x", CreateMode.Exclusive, verifier: Verifier);
        Assert.Equal(Nfs3Status.Ok, first.Status);
        var again = await c.CreateAsync(h.RootHandle, "x", CreateMode.Exclusive, verifier: Verifier);
        Assert.Equal(Nfs3Status.Ok, again.Status);
        Assert.Equal(first.Object, again.Object);
        var other = await c.CreateAsync(h.RootHandle, "x", CreateMode.Exclusive, verifier: Verifier + 1);
        Assert.Equal(Nfs3Status.Exists, other.Status);

        // After the client's SETATTR the verifier is gone and a late retransmit is an error, as in knfsd.
        var set = await c.NfsAsync<WccReply, SetAttrArgs>(Nfs3Procedure.SetAttr, new SetAttrArgs(
            first.Object!.Value, new Nfs3SetAttributes(0x1A4, null, null, null, new SetTime(TimeHow.ServerTime, default), new SetTime(TimeHow.ServerTime, default)), null));
        Assert.Equal(Nfs3Status.Ok, set.Status);
        Assert.Equal(Nfs3Status.Exists, (await c.CreateAsync(h.RootHandle, "x", CreateMode.Exclusive, verifier: Verifier)).Status);

        // Across a restart the retransmit still matches (the verifier is stored in the inode).
        var second = await c.CreateAsync(h.RootHandle, "y", CreateMode.Exclusive, verifier: Verifier);
        await h.RestartAsync();
        var retransmit = await h.Connect(1000, 1000).CreateAsync(h.RootHandle, "y", CreateMode.Exclusive, verifier: Verifier);
        Assert.Equal(Nfs3Status.Ok, retransmit.Status);
        Assert.Equal(second.Object, retransmit.Object);
    }

    [Fact]
    public async Task SetAttr_AppliesChanges_GuardMismatch_ReturnsNotSync()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect(1000, 1000);
        var file = (await c.CreateAsync(h.RootHandle, "f")).Object!.Value;
        var attributes = (await c.GetAttrAsync(file)).Attributes;
        var changes = new Nfs3SetAttributes(0x180, null, null, 5000, new SetTime(TimeHow.ClientTime, new NfsTime(1_000_000, 5)), new SetTime(TimeHow.ClientTime, new NfsTime(2_000_000, 7)));
        var guarded = await c.NfsAsync<WccReply, SetAttrArgs>(Nfs3Procedure.SetAttr, new SetAttrArgs(file, changes, attributes.Ctime));
        Assert.Equal(Nfs3Status.Ok, guarded.Status);
        var after = guarded.Wcc.After!.Value;
        Assert.Equal(0x180u, after.Mode);
        Assert.Equal(5000ul, after.Size);
        Assert.Equal(new NfsTime(1_000_000, 5), after.Atime);
        Assert.Equal(new NfsTime(2_000_000, 7), after.Mtime);
        Assert.Equal(attributes.Ctime, guarded.Wcc.Before!.Value.Ctime);

        var stale = await c.NfsAsync<WccReply, SetAttrArgs>(Nfs3Procedure.SetAttr, new SetAttrArgs(file, changes with { Mode = 0x1FF }, attributes.Ctime));
        Assert.Equal(Nfs3Status.NotSync, stale.Status);
        Assert.Equal(0x180u, (await c.GetAttrAsync(file)).Attributes.Mode);

        var bob = h.Connect(1001, 1001);
        var denied = await bob.NfsAsync<WccReply, SetAttrArgs>(Nfs3Procedure.SetAttr, new SetAttrArgs(file, new Nfs3SetAttributes(0x1FF, null, null, null, default, default), null));
        Assert.Equal(Nfs3Status.NotPermitted, denied.Status);
        Assert.NotNull(denied.Wcc.After);
    }

    [Fact]
    public async Task Access_ReportsBitsPerCaller()
    {
        await using var h = await NfsHarness.OpenAsync();
        var alice = h.Connect(1000, 1000);
        var file = (await alice.CreateAsync(h.RootHandle, "f", fileMode: 0x1A4)).Object!.Value; // 0644
        var dir = (await alice.MkdirAsync(h.RootHandle, "d", 0x1C0)).Object!.Value; // 0700
        const AccessBits All = AccessBits.Read | AccessBits.Lookup | AccessBits.Modify | AccessBits.Extend | AccessBits.Delete | AccessBits.Execute;
        var own = await alice.NfsAsync<AccessReply, AccessArgs>(Nfs3Procedure.Access, new AccessArgs(file, All));
        Assert.Equal(AccessBits.Read | AccessBits.Modify | AccessBits.Extend, own.Access);
        var bob = h.Connect(1001, 1001);
        var other = await bob.NfsAsync<AccessReply, AccessArgs>(Nfs3Procedure.Access, new AccessArgs(file, All));
        Assert.Equal(AccessBits.Read, other.Access);
        var ownDir = await alice.NfsAsync<AccessReply, AccessArgs>(Nfs3Procedure.Access, new AccessArgs(dir, All));
        Assert.Equal(AccessBits.Read | AccessBits.Lookup | AccessBits.Modify | AccessBits.Extend | AccessBits.Delete, ownDir.Access);
        var otherDir = await bob.NfsAsync<AccessReply, AccessArgs>(Nfs3Procedure.Access, new AccessArgs(dir, All));
        Assert.Equal(AccessBits.None, otherDir.Access);
        Assert.NotNull(otherDir.Attributes);
    }

    [Fact]
    public async Task SymlinkReadLink_MknodKinds_Link()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var link = await c.NfsAsync<CreateReply, SymlinkArgs>(Nfs3Procedure.Symlink, new SymlinkArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("ln")), default, NfsHarness.N("../target/path")));
        Assert.Equal(Nfs3Status.Ok, link.Status);
        Assert.Equal(Nfs3FileType.Symlink, link.ObjectAttributes!.Value.Type);
        var target = await c.NfsAsync<ReadLinkReply, HandleArgs>(Nfs3Procedure.ReadLink, new HandleArgs(link.Object!.Value));
        Assert.Equal(Nfs3Status.Ok, target.Status);
        Assert.Equal("../target/path", Encoding.UTF8.GetString(target.Target.Span));

        var fifo = await c.NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("fifo")), Nfs3FileType.Fifo, new Nfs3SetAttributes(0x1B0, null, null, null, default, default), 0, 0));
        Assert.Equal(Nfs3Status.Ok, fifo.Status);
        Assert.Equal(Nfs3FileType.Fifo, fifo.ObjectAttributes!.Value.Type);
        Assert.Equal(0x1B0u, fifo.ObjectAttributes.Value.Mode);
        var chr = await c.NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("null")), Nfs3FileType.CharDevice, default, 1, 3));
        Assert.Equal(Nfs3Status.Ok, chr.Status);
        Assert.Equal((1u, 3u), (chr.ObjectAttributes!.Value.RdevMajor, chr.ObjectAttributes.Value.RdevMinor));
        var big = await c.NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("blk")), Nfs3FileType.BlockDevice, default, 259, 70000));
        Assert.Equal((259u, 70000u), (big.ObjectAttributes!.Value.RdevMajor, big.ObjectAttributes.Value.RdevMinor));
        var sock = await c.NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("sock")), Nfs3FileType.Socket, default, 0, 0));
        Assert.Equal(Nfs3FileType.Socket, sock.ObjectAttributes!.Value.Type);
        var regular = await c.NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("reg")), Nfs3FileType.Regular, default, 0, 0));
        Assert.Equal(Nfs3Status.BadType, regular.Status);
        var userDevice = await h.Connect(1000, 1000).NfsAsync<CreateReply, MknodArgs>(Nfs3Procedure.MakeNode, new MknodArgs(
            new DirOpArgs(h.RootHandle, NfsHarness.N("dev2")), Nfs3FileType.CharDevice, default, 1, 3));
        Assert.Equal(Nfs3Status.NotPermitted, userDevice.Status);

        var file = (await c.CreateAsync(h.RootHandle, "orig")).Object!.Value;
        var linked = await c.NfsAsync<LinkReply, LinkArgs>(Nfs3Procedure.Link, new LinkArgs(file, new DirOpArgs(h.RootHandle, NfsHarness.N("alias"))));
        Assert.Equal(Nfs3Status.Ok, linked.Status);
        Assert.Equal(2u, linked.FileAttributes!.Value.Nlink);
        Assert.NotNull(linked.LinkDirWcc.Before);
        Assert.Equal(file, (await c.LookupAsync(h.RootHandle, "alias")).Object);
        var again = await c.NfsAsync<LinkReply, LinkArgs>(Nfs3Procedure.Link, new LinkArgs(file, new DirOpArgs(h.RootHandle, NfsHarness.N("alias"))));
        Assert.Equal(Nfs3Status.Exists, again.Status);
    }

    [Fact]
    public async Task MkdirRemoveRmdirRename_WithWcc()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect(1000, 1000);
        var dir = await c.MkdirAsync(h.RootHandle, "d");
        Assert.Equal(Nfs3Status.Ok, dir.Status);
        Assert.Equal(Nfs3FileType.Directory, dir.ObjectAttributes!.Value.Type);
        Assert.Equal(Nfs3Status.Exists, (await c.MkdirAsync(h.RootHandle, "d")).Status);
        var d = dir.Object!.Value;
        await c.CreateAsync(d, "a");
        var rename = await c.NfsAsync<RenameReply, RenameArgs>(Nfs3Procedure.Rename, new RenameArgs(new DirOpArgs(d, NfsHarness.N("a")), new DirOpArgs(h.RootHandle, NfsHarness.N("b"))));
        Assert.Equal(Nfs3Status.Ok, rename.Status);
        Assert.NotNull(rename.FromDirWcc.Before);
        Assert.NotNull(rename.ToDirWcc.After);
        Assert.Equal(Nfs3Status.NoEntry, (await c.LookupAsync(d, "a")).Status);
        Assert.Equal(Nfs3Status.Ok, (await c.LookupAsync(h.RootHandle, "b")).Status);

        await c.CreateAsync(d, "c");
        var notEmpty = await c.NfsAsync<WccReply, DirOpArgs>(Nfs3Procedure.RemoveDirectory, new DirOpArgs(h.RootHandle, NfsHarness.N("d")));
        Assert.Equal(Nfs3Status.NotEmpty, notEmpty.Status);
        Assert.NotNull(notEmpty.Wcc.After);
        Assert.Equal(Nfs3Status.IsDirectory, (await c.RemoveAsync(h.RootHandle, "d")).Status);
        var removed = await c.RemoveAsync(d, "c");
        Assert.Equal(Nfs3Status.Ok, removed.Status);
        Assert.NotEqual(removed.Wcc.Before!.Value.Mtime, default);
        Assert.Equal(Nfs3Status.Ok, (await c.NfsAsync<WccReply, DirOpArgs>(Nfs3Procedure.RemoveDirectory, new DirOpArgs(h.RootHandle, NfsHarness.N("d")))).Status);
        Assert.Equal(Nfs3Status.NoEntry, (await c.RemoveAsync(h.RootHandle, "d")).Status);
    }

    [Fact]
    public async Task FsStatFsInfoPathConf_ReportLimits()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var stat = await c.NfsAsync<FsStatReply, HandleArgs>(Nfs3Procedure.FsStat, new HandleArgs(h.RootHandle));
        Assert.Equal(Nfs3Status.Ok, stat.Status);
        Assert.Equal((ulong)long.MaxValue, stat.TotalBytes);
        Assert.True(stat.FreeBytes <= stat.TotalBytes);
        Assert.Equal(1ul << 48, stat.TotalFiles);
        var info = await c.NfsAsync<FsInfoReply, HandleArgs>(Nfs3Procedure.FsInfo, new HandleArgs(h.RootHandle));
        Assert.Equal(1024u * 1024, info.ReadMax);
        Assert.Equal(1024u * 1024, info.WriteMax);
        Assert.Equal((ulong)(16L << 40), info.MaxFileSize);
        Assert.Equal(new NfsTime(0, 1), info.TimeDelta);
        Assert.Equal(FsInfoProperties.Link | FsInfoProperties.Symlink | FsInfoProperties.Homogeneous | FsInfoProperties.CanSetTime, info.Properties);
        var conf = await c.NfsAsync<PathConfReply, HandleArgs>(Nfs3Procedure.PathConf, new HandleArgs(h.RootHandle));
        Assert.Equal(255u, conf.NameMax);
        Assert.Equal(65000u, conf.LinkMax);
        Assert.True(conf.NoTrunc && conf.ChownRestricted && conf.CasePreserving && !conf.CaseInsensitive);
    }

    [Fact]
    public async Task ReadDirAndPlus_SmallDirectory_ListsDotsAndEntries()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var dir = (await c.MkdirAsync(h.RootHandle, "d")).Object!.Value;
        var a = (await c.CreateAsync(dir, "a")).Object!.Value;
        await c.MkdirAsync(dir, "sub");
        var plain = await c.NfsAsync<ReadDirReply, ReadDirArgs>(Nfs3Procedure.ReadDir, new ReadDirArgs(dir, 0, 0, 4096));
        Assert.Equal(Nfs3Status.Ok, plain.Status);
        Assert.True(plain.Eof);
        Assert.Equal(ZeroFs.Nfs.Server.Nfs3Service.CookieVerifier, plain.CookieVerifier);
        Assert.Equal([".", "..", "a", "sub"], plain.Entries.Select(e => Encoding.UTF8.GetString(e.Name.Span)));
        Assert.Equal(PosixFileSystem.RootId, plain.Entries[1].FileId);
        var plus = await c.NfsAsync<ReadDirPlusReply, ReadDirPlusArgs>(Nfs3Procedure.ReadDirPlus, new ReadDirPlusArgs(dir, 0, 0, 4096, 8192));
        Assert.Equal(4, plus.Entries.Count);
        var entryA = plus.Entries.Single(e => Encoding.UTF8.GetString(e.Name.Span) == "a");
        Assert.Equal(a, entryA.Handle);
        Assert.Equal(Nfs3FileType.Regular, entryA.Attributes!.Value.Type);
        Assert.Equal(h.RootHandle, plus.Entries[1].Handle);

        var notDir = await c.NfsAsync<ReadDirReply, ReadDirArgs>(Nfs3Procedure.ReadDir, new ReadDirArgs(a, 0, 0, 4096));
        Assert.Equal(Nfs3Status.NotDirectory, notDir.Status);
        var badCookie = await c.NfsAsync<ReadDirReply, ReadDirArgs>(Nfs3Procedure.ReadDir, new ReadDirArgs(dir, 3, 0xDEAD, 4096));
        Assert.Equal(Nfs3Status.BadCookie, badCookie.Status);
        var tooSmall = await c.NfsAsync<ReadDirPlusReply, ReadDirPlusArgs>(Nfs3Procedure.ReadDirPlus, new ReadDirPlusArgs(dir, 0, 0, 100, 200));
        Assert.Equal(Nfs3Status.TooSmall, tooSmall.Status);
    }

    [Fact]
    public async Task ReadDirAndPlus_TenThousandEntries_PageCompletelyAndOnce()
    {
        await using var h = await NfsHarness.OpenAsync();
        const int Count = 10_000;
        var dir = (await h.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, NfsHarness.N("big"), 0x1ED)).Value;
        for (var i = 0; i < Count; i++)
        {
            Assert.True((await h.Fs.CreateAsync(Credentials.Root, dir.Id, NfsHarness.N($"entry-{i:D5}"), 0x1A4, true)).IsOk);
        }

        var c = h.Connect();
        var handle = new NfsFileHandle(h.Options.VolumeId, dir.Id, dir.Generation);
        foreach (var plus in new[] { false, true })
        {
            var names = new List<string>();
            ulong cookie = 0, verifier = 0;
            var pages = 0;
            while (true)
            {
                pages++;
                IEnumerable<(ulong Cookie, string Name)> entries;
                bool eof;
                if (plus)
                {
                    var page = await c.NfsAsync<ReadDirPlusReply, ReadDirPlusArgs>(Nfs3Procedure.ReadDirPlus, new ReadDirPlusArgs(handle, cookie, verifier, 4096, 16384));
                    Assert.Equal(Nfs3Status.Ok, page.Status);
                    Assert.All(page.Entries, e => Assert.NotNull(e.Handle));
                    (entries, eof, verifier) = (page.Entries.Select(e => (e.Cookie, Encoding.UTF8.GetString(e.Name.Span))).ToList(), page.Eof, page.CookieVerifier);
                }
                else
                {
                    var page = await c.NfsAsync<ReadDirReply, ReadDirArgs>(Nfs3Procedure.ReadDir, new ReadDirArgs(handle, cookie, verifier, 8192));
                    Assert.Equal(Nfs3Status.Ok, page.Status);
                    (entries, eof, verifier) = (page.Entries.Select(e => (e.Cookie, Encoding.UTF8.GetString(e.Name.Span))).ToList(), page.Eof, page.CookieVerifier);
                }

                foreach (var (entryCookie, name) in entries)
                {
                    Assert.True(entryCookie > cookie, "cookies increase");
                    cookie = entryCookie;
                    names.Add(name);
                }

                if (eof)
                {
                    break;
                }
            }

            Assert.True(pages > 10, $"{pages} pages");
            Assert.Equal(Count + 2, names.Count);
            Assert.Equal(Count + 2, names.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, Count).Select(i => $"entry-{i:D5}"), names.Skip(2));
        }
    }

    [Fact]
    public async Task NonRoot_PermissionErrors_AuthNoneIsNobody()
    {
        await using var h = await NfsHarness.OpenAsync();
        var alice = h.Connect(1000, 1000);
        var bob = h.Connect(1001, 1001);
        var secret = (await alice.MkdirAsync(h.RootHandle, "secret", 0x1C0)).Object!.Value; // 0700
        await alice.CreateAsync(secret, "inside");
        Assert.Equal(Nfs3Status.AccessDenied, (await bob.LookupAsync(secret, "inside")).Status);
        Assert.Equal(Nfs3Status.AccessDenied, (await bob.CreateAsync(secret, "mine")).Status);
        var listing = await bob.NfsAsync<ReadDirReply, ReadDirArgs>(Nfs3Procedure.ReadDir, new ReadDirArgs(secret, 0, 0, 4096));
        Assert.Equal(Nfs3Status.AccessDenied, listing.Status);

        var file = (await alice.CreateAsync(h.RootHandle, "alice.txt", fileMode: 0x1A4)).Object!.Value;
        Assert.Equal(Nfs3Status.AccessDenied, (await bob.WriteAsync(file, 0, [1, 2, 3])).Status);
        Assert.Equal(Nfs3Status.NotPermitted, (await bob.RemoveAsync(h.RootHandle, "alice.txt")).Status); // sticky root

        // Supplementary groups from AUTH_SYS count.
        var shared = (await alice.MkdirAsync(h.RootHandle, "shared", 0x1F8)).Object!.Value; // 0770, group 1000
        var carol = h.Connect(1002, 2000, [1000]);
        Assert.Equal(Nfs3Status.Ok, (await carol.CreateAsync(shared, "carol.txt")).Status);
        Assert.Equal(Nfs3Status.AccessDenied, (await bob.CreateAsync(shared, "bob.txt")).Status);

        var nobody = h.Connect();
        nobody.AuthNone = true;
        var created = await nobody.CreateAsync(h.RootHandle, "anon");
        Assert.Equal(Nfs3Status.Ok, created.Status);
        Assert.Equal(65534u, created.ObjectAttributes!.Value.Uid);
        Assert.Equal(65534u, created.ObjectAttributes.Value.Gid);
        Assert.Equal(Nfs3Status.AccessDenied, (await nobody.CreateAsync(secret, "x")).Status);
    }

    [Fact]
    public async Task DeletedInode_IsStale_GarbageHandle_IsBadHandle_OtherVolume_IsStale()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var file = (await c.CreateAsync(h.RootHandle, "gone")).Object!.Value;
        Assert.Equal(Nfs3Status.Ok, (await c.RemoveAsync(h.RootHandle, "gone")).Status);
        Assert.Equal(Nfs3Status.Stale, (await c.GetAttrAsync(file)).Status);
        Assert.Equal(Nfs3Status.Stale, (await c.ReadAsync(file, 0, 10)).Status);
        Assert.Equal(Nfs3Status.Stale, (await c.WriteAsync(file, 0, [1])).Status);

        var reused = (await c.CreateAsync(h.RootHandle, "gone")).Object!.Value;
        Assert.NotEqual(file, reused);
        Assert.Equal(Nfs3Status.Stale, (await c.GetAttrAsync(file with { InodeId = reused.InodeId })).Status); // wrong generation

        var garbage = await c.CallRawAsync(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.GetAttr, (ref XdrWriter w) => w.WriteOpaque([1, 2, 3, 4, 5]));
        Assert.Equal(Nfs3Status.BadHandle, NfsTestClient.Decode<GetAttrReply>(garbage).Status);
        var lookup = await c.CallRawAsync(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.Lookup, (ref XdrWriter w) =>
        {
            w.WriteOpaque(new byte[28]);
            w.WriteOpaque("x"u8);
        });
        Assert.Equal(Nfs3Status.BadHandle, NfsTestClient.Decode<LookupReply>(lookup).Status);
        Assert.Equal(Nfs3Status.Stale, (await c.GetAttrAsync(h.RootHandle with { VolumeId = 99 })).Status);
        var tooLong = await c.CallRawAsync(RpcConstants.NfsProgram, 3, (uint)Nfs3Procedure.GetAttr, (ref XdrWriter w) => w.WriteOpaque(new byte[65]));
        Assert.Equal(RpcAcceptStatus.GarbageArguments, NfsTestClient.Header(tooLong).AcceptStatus);
    }

    [Fact]
    public async Task Handles_SurviveRestart_WriteVerifierChanges()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var file = (await c.CreateAsync(h.RootHandle, "keep")).Object!.Value;
        var first = await c.WriteAsync(file, 0, Data);
        var second = await c.WriteAsync(file, (ulong)Data.Length, Data);
        Assert.Equal(first.Verifier, second.Verifier);
        Assert.Equal(first.Verifier, (await c.CommitAsync(file)).Verifier);
        Assert.Equal(h.Server.WriteVerifier, first.Verifier);

        await h.RestartAsync();
        var after = h.Connect();
        var attributes = await after.GetAttrAsync(file);
        Assert.Equal(Nfs3Status.Ok, attributes.Status);
        Assert.Equal((ulong)Data.Length * 2, attributes.Attributes.Size);
        Assert.Equal(Data, (await after.ReadAsync(file, 0, (uint)Data.Length)).Data.ToArray());
        var third = await after.WriteAsync(file, 0, Data);
        Assert.NotEqual(first.Verifier, third.Verifier);
    }

    [Fact]
    public async Task Write_StabilityLevels_ReplyHonestly()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var file = (await c.CreateAsync(h.RootHandle, "w")).Object!.Value;
        Assert.Equal(StableHow.Unstable, (await c.WriteAsync(file, 0, Data, StableHow.Unstable)).Committed);
        Assert.Equal(StableHow.FileSync, (await c.WriteAsync(file, 0, Data, StableHow.DataSync)).Committed);
        Assert.Equal(StableHow.FileSync, (await c.WriteAsync(file, 0, Data, StableHow.FileSync)).Committed);
        var tooShort = await c.NfsAsync<WriteReply, WriteArgs>(Nfs3Procedure.Write, new WriteArgs(file, 0, 10, StableHow.Unstable, new byte[5]));
        Assert.Equal(Nfs3Status.InvalidArgument, tooShort.Status);
        Assert.NotNull(tooShort.Wcc.Before);

        await using var fast = await NfsHarness.OpenAsync(new NfsServerOptions { Async = true });
        var f = fast.Connect();
        var asyncFile = (await f.CreateAsync(fast.RootHandle, "w")).Object!.Value;
        Assert.Equal(StableHow.FileSync, (await f.WriteAsync(asyncFile, 0, Data, StableHow.Unstable)).Committed);
    }

    [Fact]
    public async Task UnstableWrite_Commit_SurvivesCrash()
    {
        await using var h = await NfsHarness.OpenAsync();
        var c = h.Connect();
        var file = (await c.CreateAsync(h.RootHandle, "durable")).Object!.Value;
        var written = await c.WriteAsync(file, 0, Data, StableHow.Unstable);
        Assert.Equal(StableHow.Unstable, written.Committed);
        var committed = await c.CommitAsync(file);
        Assert.Equal(Nfs3Status.Ok, committed.Status);
        Assert.Equal(written.Verifier, committed.Verifier);
        Assert.Equal((ulong)Data.Length, committed.Wcc.After!.Value.Size);

        await h.CrashAndRestartAsync();
        var after = h.Connect();
        var read = await after.ReadAsync(file, 0, (uint)Data.Length + 10);
        Assert.Equal(Nfs3Status.Ok, read.Status);
        Assert.True(read.Eof);
        Assert.Equal(Data, read.Data.ToArray());
        Assert.NotEqual(committed.Verifier, (await after.CommitAsync(file)).Verifier);
    }

    /// <summary>
    /// RFC 1813 §4.8: CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME and LINK (and here SETATTR) are
    /// durable before the reply. With the engine's periodic WAL flush off, only the server's barrier can
    /// have made them durable before the crash; without it the file created before the crash was gone
    /// after the restart and its handle STALE (the kernel client's ESTALE in the rig's restart test).
    /// </summary>
    [Fact]
    public async Task MetadataChanges_DurableBeforeTheReply_SurviveACrashWithoutCommit()
    {
        var noPeriodicFlush = NfsHarness.EngineOptions with { WalFlushInterval = TimeSpan.FromHours(1) };
        await using var h = await NfsHarness.OpenAsync(engineOptions: noPeriodicFlush);
        var c = h.Connect();
        var created = await c.CreateAsync(h.RootHandle, "created");
        Assert.Equal(Nfs3Status.Ok, created.Status);
        var dir = (await c.MkdirAsync(h.RootHandle, "dir")).Object!.Value;
        var doomed = (await c.CreateAsync(dir, "doomed")).Object!.Value;
        Assert.Equal(Nfs3Status.Ok, (await c.RemoveAsync(dir, "doomed")).Status);
        var chmod = await c.NfsAsync<WccReply, SetAttrArgs>(
            Nfs3Procedure.SetAttr, new SetAttrArgs(created.Object!.Value, default(Nfs3SetAttributes) with { Mode = 0x180 }, null));
        Assert.Equal(Nfs3Status.Ok, chmod.Status);

        await h.CrashAndRestartAsync();
        var after = h.Connect();
        var attributes = await after.GetAttrAsync(created.Object!.Value);
        Assert.Equal(Nfs3Status.Ok, attributes.Status);
        Assert.Equal(0x180u, attributes.Attributes.Mode);
        Assert.Equal(Nfs3Status.Ok, (await after.LookupAsync(h.RootHandle, "dir")).Status);
        Assert.Equal(Nfs3Status.NoEntry, (await after.LookupAsync(dir, "doomed")).Status);
        Assert.Equal(Nfs3Status.Stale, (await after.GetAttrAsync(doomed)).Status);
    }
}
