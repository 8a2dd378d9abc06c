using ZeroFs.Engine;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.NineP.Client;
using ZeroFs.NineP.Protocol;
using ZeroFs.NineP.Protocol.Messages;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Tlopen, Tlcreate, Tread, Twrite, Tclunk, Tremove, Tgetattr, Tsetattr, Tstatfs, Tfsync.</summary>
public sealed class FileTests
{
    [Fact]
    public async Task CreateWriteRead_RoundTripsAcrossManyMessages()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync(new NinePClientOptions { MessageSize = 8192 });
        var client = session.Client;
        var root = await client.AttachAsync("u"u8, ""u8, 1000);
        var file = await client.WalkAsync(root.Fid, []);
        var created = await client.LcreateAsync(file.Fid, N("data.bin"), OpenFlags.ReadWrite, 0x1A4, 1000);
        Assert.Equal(QidType.File, created.Qid.Type);
        var payload = new byte[100_000];
        new Random(1).NextBytes(payload);
        Assert.Equal(payload.Length, await client.WriteAsync(file.Fid, 0, payload));
        var back = new byte[payload.Length + 10];
        Assert.Equal(payload.Length, await client.ReadAsync(file.Fid, 0, back));
        Assert.Equal(payload, back[..payload.Length]);
        Assert.Equal(0, await client.ReadAsync(file.Fid, (ulong)payload.Length + 5, new byte[10]));
        var attributes = await client.GetattrAsync(file.Fid);
        Assert.Equal((ulong)payload.Length, attributes.Size);
        Assert.Equal(0x81A4u, attributes.Mode);
        Assert.Equal((1000u, 1000u), (attributes.Uid, attributes.Gid));
        Assert.Equal(created.Qid, attributes.Qid);
        await client.ClunkAsync(file.Fid);
        Assert.Equal(0, harness.Fs.OpenHandleCount(created.Qid.Path));
    }

    [Fact]
    public async Task Lcreate_GidOfMessage_IsTheFilesGroup_UnlessDirectoryIsSetgid()
    {
        await using var harness = await StartAsync();
        var shared = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("shared"), 0x7FF)).Value.Id;
        await harness.Fs.SetAttributesAsync(Credentials.Root, shared, new SetAttributes { Gid = 777, Mode = 0xDFF }); // 02777
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("u"u8, ""u8, 1000);
        var plain = await client.WalkAsync(root.Fid, []);
        var created = await client.LcreateAsync(plain.Fid, N("plain"), OpenFlags.WriteOnly, 0x1A4, 50);
        Assert.Equal(50u, (await client.GetattrAsync(plain.Fid)).Gid);
        var inShared = await client.WalkAsync(root.Fid, [N("shared")]);
        await client.LcreateAsync(inShared.Fid, N("f"), OpenFlags.WriteOnly, 0x1A4, 50);
        Assert.Equal(777u, (await client.GetattrAsync(inShared.Fid)).Gid);
        Assert.NotEqual(default, created.Qid);
    }

    [Fact]
    public async Task Lcreate_ExistingName_EexistWithExclOtherwiseOpens()
    {
        await using var harness = await StartAsync();
        var id = (await harness.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, N("f"), 0x1B6, true)).Value.Id;
        await harness.Fs.WriteAsync(Credentials.Root, id, 0, N("hello"));
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var a = await client.WalkAsync(root.Fid, []);
        await Errors.ExpectAsync(P9Errno.EEXIST, () => client.LcreateAsync(a.Fid, N("f"), OpenFlags.ReadWrite | OpenFlags.Exclusive, 0x1A4, 0));
        var opened = await client.LcreateAsync(a.Fid, N("f"), OpenFlags.ReadWrite | OpenFlags.Truncate, 0x1A4, 0);
        Assert.Equal(id, opened.Qid.Path);
        Assert.Equal(0ul, (await client.GetattrAsync(a.Fid)).Size);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.LcreateAsync(a.Fid, N("g"), OpenFlags.ReadWrite, 0x1A4, 0)); // open now
        var file = await client.WalkAsync(root.Fid, [N("f")]);
        await Errors.ExpectAsync(P9Errno.ENOTDIR, () => client.LcreateAsync(file.Fid, N("g"), OpenFlags.ReadWrite, 0x1A4, 0));
    }

    [Fact]
    public async Task Lopen_PermissionsAndModes()
    {
        await using var harness = await StartAsync();
        var id = (await harness.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, N("ro"), 0x1A4, true)).Value.Id; // 0644 root
        await harness.Fs.WriteAsync(Credentials.Root, id, 0, N("secret"));
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var user = await client.AttachAsync("u"u8, ""u8, 1000);
        var w = await client.WalkAsync(user.Fid, [N("ro")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => client.LopenAsync(w.Fid, OpenFlags.WriteOnly));
        await Errors.ExpectAsync(P9Errno.EACCES, () => client.LopenAsync(w.Fid, OpenFlags.ReadOnly | OpenFlags.Truncate));
        await client.LopenAsync(w.Fid, OpenFlags.ReadOnly);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.LopenAsync(w.Fid, OpenFlags.ReadOnly)); // already open
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.WriteAsync(w.Fid, 0, N("x"))); // open for reading only
        var buffer = new byte[6];
        Assert.Equal(6, await client.ReadAsync(w.Fid, 0, buffer));

        var notOpen = await client.WalkAsync(user.Fid, [N("ro")]);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.ReadAsync(notOpen.Fid, 0, buffer));

        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var writer = await client.WalkAsync(root.Fid, [N("ro")]);
        await client.LopenAsync(writer.Fid, OpenFlags.WriteOnly);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.ReadAsync(writer.Fid, 0, buffer));
        var dir = await client.WalkAsync(root.Fid, []);
        await Errors.ExpectAsync(P9Errno.EISDIR, () => client.LopenAsync(dir.Fid, OpenFlags.ReadWrite));
    }

    [Fact]
    public async Task Append_WritesAtEndOfFile()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var f = await client.WalkAsync(root.Fid, []);
        await client.LcreateAsync(f.Fid, N("log"), OpenFlags.WriteOnly, 0x1A4, 0);
        await client.WriteAsync(f.Fid, 0, N("first;"));
        var appender = await client.WalkAsync(root.Fid, [N("log")]);
        await client.LopenAsync(appender.Fid, OpenFlags.WriteOnly | OpenFlags.Append);
        await client.WriteAsync(appender.Fid, 0, N("second"));
        var reader = await client.WalkAsync(root.Fid, [N("log")]);
        await client.LopenAsync(reader.Fid, OpenFlags.ReadOnly);
        var buffer = new byte[64];
        var read = await client.ReadAsync(reader.Fid, 0, buffer);
        Assert.Equal("first;second", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task UnlinkedOpenFile_StaysReadableUntilClunk()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var f = await client.WalkAsync(root.Fid, []);
        var created = await client.LcreateAsync(f.Fid, N("tmp"), OpenFlags.ReadWrite, 0x1A4, 0);
        var payload = new byte[200_000];
        new Random(2).NextBytes(payload);
        await client.WriteAsync(f.Fid, 0, payload);
        await client.UnlinkatAsync(root.Fid, N("tmp"));
        await Errors.ExpectAsync(P9Errno.ENOENT, () => client.WalkAsync(root.Fid, [N("tmp")]));

        var back = new byte[payload.Length];
        Assert.Equal(payload.Length, await client.ReadAsync(f.Fid, 0, back));
        Assert.Equal(payload, back);
        Assert.Equal(0ul, (await client.GetattrAsync(f.Fid, GetattrMask.All)).LinkCount);

        await client.ClunkAsync(f.Fid);
        Assert.Equal(0, harness.Fs.OpenHandleCount(created.Qid.Path));
        Assert.False((await harness.Fs.GetAttributesAsync(created.Qid.Path)).IsOk);
    }

    [Fact]
    public async Task Disconnect_ReleasesOpenHandles_SoUnlinkedFilesAreReclaimed()
    {
        await using var harness = await StartAsync();
        ulong inode;
        await using (var session = await harness.ConnectClientAsync())
        {
            var client = session.Client;
            var root = await client.AttachAsync("root"u8, ""u8, 0);
            var f = await client.WalkAsync(root.Fid, []);
            inode = (await client.LcreateAsync(f.Fid, N("tmp"), OpenFlags.ReadWrite, 0x1A4, 0)).Qid.Path;
            await client.WriteAsync(f.Fid, 0, N("data"));
            await client.UnlinkatAsync(root.Fid, N("tmp"));
            Assert.Equal(1, harness.Fs.OpenHandleCount(inode));
        }

        Assert.Equal(0, harness.Fs.OpenHandleCount(inode));
        Assert.False((await harness.Fs.GetAttributesAsync(inode)).IsOk);
    }

    [Fact]
    public async Task Remove_RemovesAndClunks()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        await client.MkdirAsync(root.Fid, N("d"), 0x1ED, 0);
        var d = await client.WalkAsync(root.Fid, [N("d")]);
        var f = await client.WalkAsync(d.Fid, []);
        await client.LcreateAsync(f.Fid, N("f"), OpenFlags.WriteOnly, 0x1A4, 0);
        await Errors.ExpectAsync(P9Errno.ENOTEMPTY, () => client.RemoveAsync(d.Fid));
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.GetattrAsync(d.Fid)); // clunked even though it failed
        await client.RemoveAsync(f.Fid);
        var again = await client.WalkAsync(root.Fid, [N("d")]);
        await client.RemoveAsync(again.Fid);
        await Errors.ExpectAsync(P9Errno.ENOENT, () => client.WalkAsync(root.Fid, [N("d")]));
        await Errors.ExpectAsync(P9Errno.EBUSY, () => client.RemoveAsync(root.Fid));
    }

    [Fact]
    public async Task Setattr_ModeOwnerSizeTimes()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var user = await client.AttachAsync("u"u8, ""u8, 1000);
        var f = await client.WalkAsync(user.Fid, []);
        await client.LcreateAsync(f.Fid, N("f"), OpenFlags.ReadWrite, 0x1A4, 1000);
        await client.WriteAsync(f.Fid, 0, new byte[1000]);

        await client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Mode | SetattrMask.Ctime, 0x180, 0, 0, 0, 0, 0, 0, 0));
        Assert.Equal(0x8180u, (await client.GetattrAsync(f.Fid)).Mode);
        await client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Size, 0, 0, 0, 10, 0, 0, 0, 0));
        Assert.Equal(10ul, (await client.GetattrAsync(f.Fid)).Size);
        await client.SetattrAsync(new Tsetattr(
            f.Fid, SetattrMask.Atime | SetattrMask.AtimeSet | SetattrMask.Mtime | SetattrMask.MtimeSet, 0, 0, 0, 0, 1_000_000, 5, 2_000_000, 7));
        var attributes = await client.GetattrAsync(f.Fid);
        Assert.Equal((1_000_000ul, 5ul), attributes.Atime);
        Assert.Equal((2_000_000ul, 7ul), attributes.Mtime);
        await client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Mtime, 0, 0, 0, 0, 0, 0, 0, 0)); // now
        Assert.True((await client.GetattrAsync(f.Fid)).Mtime.Seconds > 1_600_000_000);
        await client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Ctime, 0, 0, 0, 0, 0, 0, 0, 0));

        await Errors.ExpectAsync(P9Errno.EPERM, () => client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Uid, 0, 5, 0, 0, 0, 0, 0, 0)));
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var asRoot = await client.WalkAsync(root.Fid, [N("f")]);
        await client.SetattrAsync(new Tsetattr(asRoot.Fid, SetattrMask.Uid | SetattrMask.Gid, 0, 5, 6, 0, 0, 0, 0, 0));
        var owned = await client.GetattrAsync(asRoot.Fid);
        Assert.Equal((5u, 6u), (owned.Uid, owned.Gid));
        await Errors.ExpectAsync(P9Errno.EPERM, () => client.SetattrAsync(new Tsetattr(f.Fid, SetattrMask.Mode, 0x1FF, 0, 0, 0, 0, 0, 0, 0)));
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.SetattrAsync(new Tsetattr(
            f.Fid, SetattrMask.Atime | SetattrMask.AtimeSet, 0, 0, 0, 0, 1, 1_000_000_000, 0, 0)));
    }

    [Fact]
    public async Task Getattr_ReportsEveryBasicField()
    {
        await using var harness = await StartAsync();
        var id = (await harness.Fs.CreateAsync(new Credentials(7, 8), PosixFileSystem.RootId, N("f"), 0x1ED, true)).Value.Id;
        await harness.Fs.WriteAsync(new Credentials(7, 8), id, 0, new byte[5000]);
        var expected = (await harness.Fs.GetAttributesAsync(id)).Value;
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync("root"u8, ""u8, 0);
        var f = await session.Client.WalkAsync(root.Fid, [N("f")]);
        var a = await session.Client.GetattrAsync(f.Fid, GetattrMask.All);
        Assert.Equal(GetattrMask.Basic | GetattrMask.Btime, a.Valid);
        Assert.Equal(new Qid(QidType.File, 0, id), a.Qid);
        Assert.Equal((0x81EDu, 7u, 8u, 1ul, 5000ul, 4096ul, 10ul), (a.Mode, a.Uid, a.Gid, a.LinkCount, a.Size, a.BlockSize, a.Blocks));
        Assert.Equal(((ulong)(expected.Mtime / 1_000_000_000), (ulong)(expected.Mtime % 1_000_000_000)), a.Mtime);
        Assert.Equal(((ulong)(expected.Crtime / 1_000_000_000), (ulong)(expected.Crtime % 1_000_000_000)), a.Btime);
    }

    [Fact]
    public async Task Statfs_ReportsTheFilesystemCounters()
    {
        await using var harness = await StartAsync(fsOptions: new FileSystemOptions { MaxSizeBytes = 1L << 30 });
        await harness.Fs.WriteAsync(Credentials.Root, (await harness.Fs.CreateAsync(Credentials.Root, PosixFileSystem.RootId, N("f"), 0x1A4, true)).Value.Id, 0, new byte[10_000]);
        await using var session = await harness.ConnectClientAsync();
        var root = await session.Client.AttachAsync("root"u8, ""u8, 0);
        var stats = await session.Client.StatfsAsync(root.Fid);
        var expected = harness.Fs.GetStatistics();
        Assert.Equal(0x5A45524Fu, stats.FileSystemType);
        Assert.Equal(4096u, stats.BlockSize);
        Assert.Equal((1ul << 30) / 4096, stats.Blocks);
        Assert.Equal(stats.Blocks - 3, stats.FreeBlocks);
        Assert.Equal(stats.FreeBlocks, stats.AvailableBlocks);
        Assert.Equal((ulong)PosixFileSystem.TotalInodes, stats.Files);
        Assert.Equal((ulong)expected.FreeInodes, stats.FreeFiles);
        Assert.Equal(255u, stats.MaxNameLength);
    }

    [Fact]
    public async Task Fsync_RepliesAfterTheDataIsDurable()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var f = await client.WalkAsync(root.Fid, []);
        await client.LcreateAsync(f.Fid, N("durable"), OpenFlags.ReadWrite, 0x1A4, 0);
        var payload = new byte[70_000];
        new Random(3).NextBytes(payload);
        await client.WriteAsync(f.Fid, 0, payload);
        await client.FsyncAsync(f.Fid);

        // A crash right now: a new writer fences this one and sees only what is durable in the store.
        await using var db = await Db.OpenWriterAsync(harness.Store, null, harness.Key, ServerHarness.EngineOptions, TimeProvider.System);
        await using var fs = await PosixFileSystem.OpenAsync(new DbFileSystemStore(db), new FileSystemOptions(), TimeProvider.System);
        var found = await fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, N("durable"));
        Assert.True(found.IsOk);
        var back = new byte[payload.Length];
        Assert.Equal(payload.Length, (await fs.ReadAsync(Credentials.Root, found.Value.Id, 0, back)).Value.Count);
        Assert.Equal(payload, back);
    }

    [Fact]
    public async Task Create_WithoutWritePermissionOnTheDirectory_IsEacces()
    {
        await using var harness = await StartAsync();
        await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("d"), 0x1ED);
        await using var session = await harness.ConnectClientAsync();
        var user = await session.Client.AttachAsync("u"u8, ""u8, 1000);
        var d = await session.Client.WalkAsync(user.Fid, [N("d")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => session.Client.LcreateAsync(d.Fid, N("x"), OpenFlags.WriteOnly, 0x1A4, 1000));
        await Errors.ExpectAsync(P9Errno.EACCES, () => session.Client.MkdirAsync(d.Fid, N("x"), 0x1ED, 1000));
    }
}
