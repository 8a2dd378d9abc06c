using System.Text;
using ZeroFs.FileSystem;
using ZeroFs.NineP.Protocol;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Treaddir paging and the name operations: mkdir, symlink, readlink, mknod, link, rename, renameat, unlinkat.</summary>
public sealed class DirectoryTests
{
    [Fact]
    public async Task Readdir_TenThousandEntries_PagesWithStableCookies()
    {
        await using var harness = await StartAsync();
        var dir = (await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("big"), 0x1ED)).Value.Id;
        var expected = new HashSet<string>();
        for (var i = 0; i < 10_000; i++)
        {
            var name = $"file-{i:D5}-{new string('x', i % 40)}";
            Assert.True((await harness.Fs.CreateAsync(Credentials.Root, dir, N(name), 0x1A4, true)).IsOk);
            expected.Add(name);
        }

        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var d = await client.WalkAsync(root.Fid, [N("big")]);
        await client.LopenAsync(d.Fid, OpenFlags.ReadOnly | OpenFlags.Directory);

        var seen = new List<string>();
        ulong cookie = 0;
        ulong lastCookie = 0;
        var pages = 0;
        var removedDuringListing = new HashSet<string>();
        while (true)
        {
            var page = await client.ReaddirAsync(d.Fid, cookie, 4096);
            if (page.Count == 0)
            {
                break;
            }

            pages++;
            Assert.True(page.Sum(e => 24 + e.Name.Length) <= 4096);
            foreach (var entry in page)
            {
                Assert.True(entry.Offset > lastCookie, "cookies increase");
                lastCookie = entry.Offset;
                seen.Add(Encoding.UTF8.GetString(entry.Name));
            }

            cookie = page[^1].Offset;
            if (pages == 10)
            {
                // Concurrent changes: entries not yet listed are removed, new ones are added; the listing neither repeats nor skips survivors.
                foreach (var name in expected.Where(n => !seen.Contains(n)).Take(50).ToList())
                {
                    Assert.True((await harness.Fs.RemoveAsync(Credentials.Root, dir, N(name))).Equals(FsStatus.Ok));
                    removedDuringListing.Add(name);
                }

                await harness.Fs.CreateAsync(Credentials.Root, dir, N("added-late"), 0x1A4, true);
            }
        }

        Assert.True(pages > 20);
        Assert.Equal(".", seen[0]);
        Assert.Equal("..", seen[1]);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var survivors = expected.Except(removedDuringListing).Append("added-late").Append(".").Append("..").Order().ToList();
        Assert.Equal(survivors, seen.Order().ToList());

        // Resuming from a cookie taken mid-listing continues right after it.
        var all = await ListAllAsync(client, d.Fid, 0);
        var middle = all[5000];
        var resumed = await client.ReaddirAsync(d.Fid, middle.Offset, 4096);
        Assert.Equal(all[5001].Name, resumed[0].Name);
    }

    [Fact]
    public async Task Readdir_EntriesCarryQidsAndTypes_AndNeedAnOpenDirectory()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var sub = await client.MkdirAsync(root.Fid, N("sub"), 0x1ED, 0);
        var link = await client.SymlinkAsync(root.Fid, N("link"), N("sub"), 0);
        var fifo = await client.MknodAsync(root.Fid, N("fifo"), 0x1000 | 0x1A4, 0, 0, 0);
        var dir = await client.WalkAsync(root.Fid, []);
        await Errors.ExpectAsync(P9Errno.EBADF, () => client.ReaddirAsync(dir.Fid, 0));
        await client.LopenAsync(dir.Fid, OpenFlags.ReadOnly);
        var entries = (await ListAllAsync(client, dir.Fid, 0)).ToDictionary(e => Encoding.UTF8.GetString(e.Name));
        Assert.Equal((sub, (byte)4), (entries["sub"].Qid, entries["sub"].Type));
        Assert.Equal((link, (byte)10), (entries["link"].Qid, entries["link"].Type));
        Assert.Equal((fifo, (byte)1), (entries["fifo"].Qid, entries["fifo"].Type));
        Assert.Equal(PosixFileSystem.RootId, entries[".."].Qid.Path);
        Assert.Equal((1ul, 2ul), (entries["."].Offset, entries[".."].Offset));
    }

    [Fact]
    public async Task Readdir_WithoutReadPermission_IsEaccesAtOpen()
    {
        await using var harness = await StartAsync();
        await harness.Fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, N("private"), 0x1C0);
        await using var session = await harness.ConnectClientAsync();
        var user = await session.Client.AttachAsync("u"u8, ""u8, 1000);
        var d = await session.Client.WalkAsync(user.Fid, [N("private")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => session.Client.LopenAsync(d.Fid, OpenFlags.ReadOnly));
    }

    [Fact]
    public async Task MkdirSymlinkReadlinkMknodLink()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var dirQid = await client.MkdirAsync(root.Fid, N("d"), 0x1C0, 0);
        Assert.Equal(QidType.Directory, dirQid.Type);
        await Errors.ExpectAsync(P9Errno.EEXIST, () => client.MkdirAsync(root.Fid, N("d"), 0x1C0, 0));

        var linkQid = await client.SymlinkAsync(root.Fid, N("ln"), N("d/target"), 0);
        Assert.Equal(QidType.Symlink, linkQid.Type);
        var ln = await client.WalkAsync(root.Fid, [N("ln")]);
        Assert.Equal("d/target", Encoding.UTF8.GetString(await client.ReadlinkAsync(ln.Fid)));
        Assert.Equal(0xA1FFu, (await client.GetattrAsync(ln.Fid)).Mode);
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.ReadlinkAsync(root.Fid));

        var device = await client.MknodAsync(root.Fid, N("tty"), 0x2000 | 0x1B6, 4, 300, 0);
        var tty = await client.WalkAsync(root.Fid, [N("tty")]);
        var attributes = await client.GetattrAsync(tty.Fid);
        Assert.Equal(0x21B6u, attributes.Mode);
        Assert.Equal((300ul & 0xFF) | (4ul << 8) | ((300ul & ~0xFFul) << 12), attributes.RDev);
        Assert.Equal(device.Path, attributes.Qid.Path);
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.MknodAsync(root.Fid, N("bad"), 0x4000 | 0x1ED, 0, 0, 0));

        var user = await client.AttachAsync("u"u8, ""u8, 1000);
        await Errors.ExpectAsync(P9Errno.EPERM, () => client.MknodAsync(user.Fid, N("blk"), 0x6000 | 0x1B6, 8, 1, 1000));
        var userDir = await client.WalkAsync(user.Fid, [N("d")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => client.MkdirAsync(userDir.Fid, N("x"), 0x1ED, 1000));

        var f = await client.WalkAsync(root.Fid, []);
        await client.LcreateAsync(f.Fid, N("orig"), OpenFlags.WriteOnly, 0x1A4, 0);
        var d = await client.WalkAsync(root.Fid, [N("d")]);
        await client.LinkAsync(d.Fid, f.Fid, N("hard"));
        Assert.Equal(2ul, (await client.GetattrAsync(f.Fid)).LinkCount);
        await Errors.ExpectAsync(P9Errno.EEXIST, () => client.LinkAsync(d.Fid, f.Fid, N("hard")));
        await Errors.ExpectAsync(P9Errno.EPERM, () => client.LinkAsync(root.Fid, d.Fid, N("dirlink")));
    }

    [Fact]
    public async Task RenameRenameatUnlinkat()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        await client.MkdirAsync(root.Fid, N("a"), 0x1ED, 0);
        await client.MkdirAsync(root.Fid, N("b"), 0x1ED, 0);
        var a = await client.WalkAsync(root.Fid, [N("a")]);
        var b = await client.WalkAsync(root.Fid, [N("b")]);
        var f = await client.WalkAsync(a.Fid, []);
        var id = (await client.LcreateAsync(f.Fid, N("f"), OpenFlags.WriteOnly, 0x1A4, 0)).Qid.Path;

        await client.RenameatAsync(a.Fid, N("f"), b.Fid, N("g"));
        Assert.Equal(id, (await client.WalkAsync(b.Fid, [N("g")])).Qids[0].Path);
        await Errors.ExpectAsync(P9Errno.ENOENT, () => client.WalkAsync(a.Fid, [N("f")]));

        // Trename moves the file a fid names; the fid follows it, so a second Trename works too.
        var g = await client.WalkAsync(b.Fid, [N("g")]);
        await client.RenameAsync(g.Fid, a.Fid, N("h"));
        await client.RenameAsync(g.Fid, root.Fid, N("top"));
        Assert.Equal(id, (await client.WalkAsync(root.Fid, [N("top")])).Qids[0].Path);
        await Errors.ExpectAsync(P9Errno.EBUSY, () => client.RenameAsync(root.Fid, a.Fid, N("x")));

        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.RenameatAsync(root.Fid, N("a"), a.Fid, N("inside")));
        await client.MkdirAsync(b.Fid, N("child"), 0x1ED, 0);
        await Errors.ExpectAsync(P9Errno.ENOTEMPTY, () => client.UnlinkatAsync(root.Fid, N("b"), UnlinkatFlags.RemoveDirectory));
        await Errors.ExpectAsync(P9Errno.EISDIR, () => client.UnlinkatAsync(b.Fid, N("child")));
        await Errors.ExpectAsync(P9Errno.ENOTDIR, () => client.UnlinkatAsync(root.Fid, N("top"), UnlinkatFlags.RemoveDirectory));
        await client.UnlinkatAsync(b.Fid, N("child"), UnlinkatFlags.RemoveDirectory);
        await client.UnlinkatAsync(root.Fid, N("top"));
        await Errors.ExpectAsync(P9Errno.ENOENT, () => client.UnlinkatAsync(root.Fid, N("top")));
    }

    [Fact]
    public async Task StickyDirectory_OthersCannotUnlinkOrRename()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var alice = await client.AttachAsync("a"u8, ""u8, 1000);
        var bob = await client.AttachAsync("b"u8, ""u8, 1001);
        var f = await client.WalkAsync(alice.Fid, []);
        await client.LcreateAsync(f.Fid, N("alices"), OpenFlags.WriteOnly, 0x1B6, 1000);
        await Errors.ExpectAsync(P9Errno.EPERM, () => client.UnlinkatAsync(bob.Fid, N("alices")));
        await Errors.ExpectAsync(P9Errno.EPERM, () => client.RenameatAsync(bob.Fid, N("alices"), bob.Fid, N("mine")));
        await client.UnlinkatAsync(alice.Fid, N("alices"));
    }

    private static async Task<List<ZeroFs.NineP.Client.DirectoryEntryInfo>> ListAllAsync(ZeroFs.NineP.Client.NinePClient client, uint fid, ulong cookie)
    {
        var all = new List<ZeroFs.NineP.Client.DirectoryEntryInfo>();
        while (true)
        {
            var page = await client.ReaddirAsync(fid, cookie);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            cookie = page[^1].Offset;
        }
    }
}
