namespace ZeroFs.Fuse.Tests;

/// <summary>Errors reach callers as the right errno, including permission errors for a non-root caller.</summary>
[Collection(MountCollection.Name)]
public sealed class ErrnoTests(MountFixture fixture)
{
    [Fact]
    public async Task MissingEntry_IsENOENT()
    {
        var dir = fixture.NewDirectory();
        Assert.Throws<FileNotFoundException>(() => File.ReadAllText(Path.Combine(dir, "missing")));
        Assert.Equal("2 2 2", await Shell.PythonAsync($$"""
            import os, errno
            codes = []
            for op in (lambda: os.stat('{{dir}}/missing'), lambda: os.unlink('{{dir}}/missing'), lambda: os.rename('{{dir}}/missing', '{{dir}}/x')):
                try: op(); codes.append(0)
                except OSError as e: codes.append(e.errno)
            print(*codes)
            """));
    }

    [Fact]
    public async Task ExistingName_IsEEXIST()
    {
        var dir = fixture.NewDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "d"));
        File.WriteAllText(Path.Combine(dir, "f"), "");
        Assert.Equal("17 17", await Shell.PythonAsync($$"""
            import os
            codes = []
            for op in (lambda: os.mkdir('{{dir}}/d'), lambda: os.open('{{dir}}/f', os.O_CREAT | os.O_EXCL | os.O_WRONLY)):
                try: op(); codes.append(0)
                except OSError as e: codes.append(e.errno)
            print(*codes)
            """));
    }

    [Fact]
    public async Task NonEmptyDirectory_IsENOTEMPTY()
    {
        var dir = fixture.NewDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "full"));
        File.WriteAllText(Path.Combine(dir, "full", "x"), "");
        Assert.Equal("39", await Shell.PythonAsync($$"""
            import os
            try: os.rmdir('{{dir}}/full'); print(0)
            except OSError as e: print(e.errno)
            """));
    }

    [Fact]
    public async Task NonRootCaller_GetsEACCES_AndOwnsWhatItCreates()
    {
        var dir = fixture.NewDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "private"));
        File.SetUnixFileMode(Path.Combine(dir, "private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(dir, "readonly"), "root's");
        File.SetUnixFileMode(Path.Combine(dir, "readonly"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var output = await Shell.PythonAsync($$"""
            import os
            codes = []
            for op in (lambda: os.listdir('{{dir}}/private'),
                       lambda: open('{{dir}}/private/new', 'w'),
                       lambda: open('{{dir}}/readonly', 'a'),
                       lambda: os.chmod('{{dir}}/readonly', 0o777)):
                try: op(); codes.append(0)
                except OSError as e: codes.append(e.errno)
            print(*codes)
            print(open('{{dir}}/readonly').read())
            with open('{{dir}}/mine', 'w') as f: f.write('ok')
            print(os.access('{{dir}}/readonly', os.R_OK), os.access('{{dir}}/readonly', os.W_OK))
            """, uid: Shell.OtherUser);
        var lines = output.Split('\n');
        Assert.Equal("13 13 13 1", lines[0]);
        Assert.Equal("root's", lines[1]);
        Assert.Equal("True False", lines[2]);
        var mine = await fixture.OnServer.StatExistingAsync(Path.Combine(dir, "mine"));
        Assert.Equal((uint)Shell.OtherUser, mine.Uid);
        Assert.Equal((uint)Shell.OtherUser, mine.Gid);
    }

    [Fact]
    public async Task WriteOrTruncateByNonOwner_ClearsSetuidAndSetgid()
    {
        var dir = fixture.NewDirectory();
        var written = Path.Combine(dir, "written");
        var truncated = Path.Combine(dir, "truncated");
        foreach (var path in new[] { written, truncated })
        {
            File.WriteAllText(path, "root's");
            File.SetUnixFileMode(path, (UnixFileMode)0xdff); // 06777: root's, writable by all
        }

        // The kernel clears the bits with a mode change sent as the writer, who may not chmod a root file.
        Assert.Equal("777 777", await Shell.PythonAsync($$"""
            import os
            fd = os.open('{{written}}', os.O_WRONLY); os.pwrite(fd, b'y', 0); os.close(fd)
            os.truncate('{{truncated}}', 1)
            print(*(oct(os.stat(p).st_mode & 0o7777)[2:] for p in ('{{written}}', '{{truncated}}')))
            """, uid: Shell.OtherUser));
        Assert.Equal(0x81ffu, (await fixture.OnServer.StatExistingAsync(written)).Mode);
        Assert.Equal(0x81ffu, (await fixture.OnServer.StatExistingAsync(truncated)).Mode);
        Assert.Equal("yoot's", await fixture.OnServer.ReadAllTextAsync(written));
        Assert.Equal(1ul, (await fixture.OnServer.StatExistingAsync(truncated)).Size);

        // Root's writes keep them (Linux keeps S_ISUID for a writer with CAP_FSETID).
        File.SetUnixFileMode(written, (UnixFileMode)0xdff);
        await File.AppendAllTextAsync(written, "!");
        Assert.Equal(0x8dffu, (await fixture.OnServer.StatExistingAsync(written)).Mode);

        // A chmod by someone else is still refused.
        Assert.Equal("1", await Shell.PythonAsync($$"""
            import os
            try: os.chmod('{{written}}', 0o777); print(0)
            except OSError as e: print(e.errno)
            """, uid: Shell.OtherUser));
    }

    [Fact]
    public async Task RenameFlags_AreEINVAL()
    {
        var dir = fixture.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "a"), "");

        // renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_NOREPLACE) to a free name (the kernel itself answers EEXIST
        // for a taken one): 9P cannot express the flag atomically.
        Assert.Equal("22", await Shell.PythonAsync($$"""
            import ctypes, os
            libc = ctypes.CDLL(None, use_errno=True)
            r = libc.renameat2(-100, b'{{dir}}/a', -100, b'{{dir}}/b', 1)
            print(ctypes.get_errno() if r != 0 else 0)
            """));
        Assert.True(File.Exists(Path.Combine(dir, "a")));
        Assert.False(File.Exists(Path.Combine(dir, "b")));
    }
}
