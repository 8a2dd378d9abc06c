namespace ZeroFs.Fuse.Tests;

/// <summary>Extended attributes through Txattrwalk / Txattrcreate.</summary>
[Collection(MountCollection.Name)]
public sealed class XattrTests(MountFixture fixture)
{
    [Fact]
    public async Task SetGetListRemove_RoundTrip()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "x");
        File.WriteAllText(path, "");
        var output = await Shell.PythonAsync($$"""
            import os, errno
            p = '{{path}}'
            os.setxattr(p, 'user.color', b'blue')
            os.setxattr(p, 'user.big', bytes(range(256)) * 3)
            print(os.getxattr(p, 'user.color').decode(), len(os.getxattr(p, 'user.big')), sorted(os.listxattr(p)))
            try: os.setxattr(p, 'user.color', b'red', os.XATTR_CREATE); print('no error')
            except OSError as e: print(e.errno)
            os.setxattr(p, 'user.color', b'green', os.XATTR_REPLACE)
            print(os.getxattr(p, 'user.color').decode())
            os.removexattr(p, 'user.color')
            try: os.getxattr(p, 'user.color'); print('still there')
            except OSError as e: print(e.errno)
            try: os.removexattr(p, 'user.color'); print('removed twice')
            except OSError as e: print(e.errno)
            print(sorted(os.listxattr(p)))
            """);
        Assert.Equal(
            "blue 768 ['user.big', 'user.color']\n17\ngreen\n61\n61\n['user.big']",
            output);
        Assert.Equal(["user.big"], await fixture.OnServer.ListXattrAsync(path));
    }

    [Fact]
    public async Task SmallBuffer_IsERANGE()
    {
        var dir = fixture.NewDirectory();
        var path = Path.Combine(dir, "x");
        File.WriteAllText(path, "");
        Assert.Equal("34", await Shell.PythonAsync($$"""
            import ctypes, os
            os.setxattr('{{path}}', 'user.long', b'0123456789')
            libc = ctypes.CDLL(None, use_errno=True)
            buf = ctypes.create_string_buffer(4)
            r = libc.getxattr(b'{{path}}', b'user.long', buf, 4)
            print(ctypes.get_errno() if r < 0 else r)
            """));
    }
}
