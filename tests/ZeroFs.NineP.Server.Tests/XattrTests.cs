using System.Text;
using ZeroFs.NineP.Protocol;
using static ZeroFs.NineP.Server.Tests.ServerHarness;

namespace ZeroFs.NineP.Server.Tests;

/// <summary>Txattrwalk/Txattrcreate: values and name lists read through fids, writes committed on clunk.</summary>
public sealed class XattrTests
{
    [Fact]
    public async Task Xattrs_SetGetListRemove()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("u"u8, ""u8, 1000);
        var f = await client.WalkAsync(root.Fid, []);
        await client.LcreateAsync(f.Fid, N("f"), OpenFlags.ReadWrite, 0x1A4, 1000);
        var file = await client.WalkAsync(root.Fid, [N("f")]);

        await client.SetXattrAsync(file.Fid, N("user.color"), N("blue"));
        var big = new byte[20_000];
        new Random(4).NextBytes(big);
        await client.SetXattrAsync(file.Fid, N("user.blob"), big);
        Assert.Equal("blue", Encoding.UTF8.GetString(await client.GetXattrAsync(file.Fid, N("user.color"))));
        Assert.Equal(big, await client.GetXattrAsync(file.Fid, N("user.blob")));
        var list = Encoding.UTF8.GetString(await client.GetXattrAsync(file.Fid, ""u8));
        Assert.Equal(["user.blob", "user.color"], list.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.EndsWith("\0", list, StringComparison.Ordinal);

        await Errors.ExpectAsync(P9Errno.ENODATA, () => client.GetXattrAsync(file.Fid, N("user.missing")));
        await Errors.ExpectAsync(P9Errno.EEXIST, () => client.SetXattrAsync(file.Fid, N("user.color"), N("red"), flags: 1)); // XATTR_CREATE, on clunk
        await Errors.ExpectAsync(P9Errno.ENODATA, () => client.SetXattrAsync(file.Fid, N("user.other"), N("x"), flags: 2)); // XATTR_REPLACE
        await Errors.ExpectAsync(P9Errno.EOPNOTSUPP, () => client.SetXattrAsync(file.Fid, N("security.selinux"), N("x")));

        await client.SetXattrAsync(file.Fid, N("user.color"), ReadOnlyMemory<byte>.Empty); // size 0 removes
        await Errors.ExpectAsync(P9Errno.ENODATA, () => client.GetXattrAsync(file.Fid, N("user.color")));
        await Errors.ExpectAsync(P9Errno.ENODATA, () => client.SetXattrAsync(file.Fid, N("user.color"), ReadOnlyMemory<byte>.Empty));

        // Another user without write permission cannot set; the error arrives on the clunk.
        var other = await client.AttachAsync("o"u8, ""u8, 2000);
        var theirs = await client.WalkAsync(other.Fid, [N("f")]);
        await Errors.ExpectAsync(P9Errno.EACCES, () => client.SetXattrAsync(theirs.Fid, N("user.x"), N("y")));
    }

    [Fact]
    public async Task Xattrcreate_ShortWriteOrOversize_AreRefused()
    {
        await using var harness = await StartAsync();
        await using var session = await harness.ConnectClientAsync();
        var client = session.Client;
        var root = await client.AttachAsync("root"u8, ""u8, 0);
        var writer = await client.WalkAsync(root.Fid, []);
        await Errors.ExpectAsync(NinePErrno.E2BIG, () => client.XattrcreateAsync(writer.Fid, N("user.huge"), 1 << 20, 0));
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.XattrcreateAsync(writer.Fid, N("user.x"), 4, 3));
        await client.XattrcreateAsync(writer.Fid, N("user.partial"), 10, 0);
        await client.WriteAsync(writer.Fid, 0, N("abc"));
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.WriteAsync(writer.Fid, 8, N("abc"))); // past attr_size
        await Errors.ExpectAsync(P9Errno.EINVAL, () => client.ClunkAsync(writer.Fid)); // 3 of 10 bytes
        await Errors.ExpectAsync(P9Errno.ENODATA, () => client.GetXattrAsync(root.Fid, N("user.partial")));
    }
}
