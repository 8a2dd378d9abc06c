using System.Security.Cryptography;
using System.Text.Json;
using ZeroFs.FileSystem;
using static ZeroFs.Nbd.Tests.Clients.ExternalTool;

namespace ZeroFs.Nbd.Tests.Clients;

/// <summary>libnbd's own tools (Debian libnbd-bin, python3-libnbd) against the server over real sockets.</summary>
public sealed class LibnbdClientTests(LibnbdFixture fixture) : IClassFixture<LibnbdFixture>
{
    private NbdTestHost Host => fixture.Host;

    private KestrelNbdHost Kestrel => fixture.Kestrel;

    [Fact]
    public async Task NbdinfoList_ShowsTheRegularFilesOfNbdDirectory_OverTcpAndUnix()
    {
        await Host.CreateExportAsync("list-a", 1 << 20);
        await Host.CreateExportAsync("list-b", 2 << 20);
        await Host.Fs.MakeDirectoryAsync(Credentials.Root, Host.ExportDirectoryId, NbdTestHost.N("list-dir"), 0x1ED);
        foreach (var uri in new[] { Kestrel.TcpUri(), Kestrel.UnixUri() })
        {
            var names = ExportNames(await RunCheckedAsync("nbdinfo", "--list", "--json", uri));
            Assert.Contains("list-a", names);
            Assert.Contains("list-b", names);
            Assert.DoesNotContain("list-dir", names);
        }
    }

    [Fact]
    public async Task NewExportFile_IsListedAndUsableWithoutRestart()
    {
        Assert.DoesNotContain("late-file", ExportNames(await RunCheckedAsync("nbdinfo", "--list", "--json", Kestrel.TcpUri())));
        await Host.CreateExportAsync("late-file", 3 << 20);
        Assert.Contains("late-file", ExportNames(await RunCheckedAsync("nbdinfo", "--list", "--json", Kestrel.TcpUri())));
        var info = JsonDocument.Parse(await RunCheckedAsync("nbdinfo", "--json", Kestrel.TcpUri("late-file"))).RootElement;
        Assert.Equal(3 << 20, Export(info).GetProperty("export-size").GetInt64());
    }

    [Fact]
    public async Task Nbdinfo_ReportsSizeBlockSizesAndFlags()
    {
        await Host.CreateExportAsync("info-disk", 5 << 20);
        foreach (var uri in new[] { Kestrel.TcpUri("info-disk"), Kestrel.UnixUri("info-disk") })
        {
            var export = Export(JsonDocument.Parse(await RunCheckedAsync("nbdinfo", "--json", uri)).RootElement);
            Assert.Equal(5 << 20, export.GetProperty("export-size").GetInt64());
            Assert.Equal(1, export.GetProperty("block_size_minimum").GetInt64());
            Assert.Equal(32768, export.GetProperty("block_size_preferred").GetInt64());
            Assert.Equal(32 << 20, export.GetProperty("block_size_maximum").GetInt64());
            Assert.False(export.GetProperty("is_read_only").GetBoolean());
            Assert.True(export.GetProperty("can_multi_conn").GetBoolean());
            Assert.True(export.GetProperty("can_trim").GetBoolean());
            Assert.True(export.GetProperty("can_zero").GetBoolean());
            Assert.True(export.GetProperty("can_fast_zero").GetBoolean());
            Assert.True(export.GetProperty("can_fua").GetBoolean());
            Assert.True(export.GetProperty("can_flush").GetBoolean());
            Assert.True(export.GetProperty("can_cache").GetBoolean());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nbdcopy_RandomImageInAndOut_ChecksumsMatch(bool unix)
    {
        const int Size = 48 << 20;
        var name = unix ? "copy-unix" : "copy-tcp";
        var image = Path.Combine(fixture.TempPath, name + ".in");
        var back = Path.Combine(fixture.TempPath, name + ".out");
        var data = NbdTestHost.Random(Size, unix ? 31 : 32);
        Array.Clear(data, 5 << 20, 3 << 20); // a zero run, which nbdcopy may send as WRITE_ZEROES
        await File.WriteAllBytesAsync(image, data);
        await Host.CreateExportAsync(name, Size);
        var uri = unix ? Kestrel.UnixUri(name) : Kestrel.TcpUri(name);
        await RunCheckedAsync("nbdcopy", "--flush", image, uri);
        await RunCheckedAsync("nbdcopy", uri, back);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await File.ReadAllBytesAsync(back)));
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(await Host.ReadExportAsync(name, 0, Size)));
    }

    [Fact]
    public async Task Nbdsh_EdgeCases_TrimZeroFuaFlushCacheAndErrors()
    {
        await Host.CreateExportAsync("edge", 48 << 20);
        const string Script = """
            import errno, os
            h.set_strict_mode(0)
            size = h.get_size()
            assert size == 48 << 20, size
            assert h.can_trim() and h.can_zero() and h.can_fast_zero() and h.can_fua() and h.can_flush()
            assert h.can_multi_conn() and h.can_cache() and not h.is_read_only()

            def expect(errnum, f):
                try:
                    f()
                except nbd.Error as e:
                    assert e.errnum == errnum, (errnum, e.errno, e.string)
                    return
                raise AssertionError('no error, expected %d' % errnum)

            data = os.urandom(200000)
            h.pwrite(data, 1000, nbd.CMD_FLAG_FUA)
            assert h.pread(200000, 1000) == data
            h.trim(50000, 1000)
            assert h.pread(50000, 1000) == bytes(50000)
            assert h.pread(150000, 51000) == data[50000:]
            h.trim(65536, 100000, nbd.CMD_FLAG_FUA)
            assert h.pread(65536, 100000) == bytes(65536)

            h.pwrite(b'\xff' * 300000, 1 << 20)
            h.zero(100000, (1 << 20) + 7)
            assert h.pread(100000, (1 << 20) + 7) == bytes(100000)
            h.zero(100000, (1 << 20) + 150000, nbd.CMD_FLAG_NO_HOLE | nbd.CMD_FLAG_FUA)
            assert h.pread(300000, 1 << 20) == b'\xff' * 7 + bytes(100000) + b'\xff' * 49993 + bytes(100000) + b'\xff' * 50000
            h.zero(4096, (1 << 20) + 290000, nbd.CMD_FLAG_FAST_ZERO)
            assert h.pread(10000, (1 << 20) + 290000) == bytes(4096) + b'\xff' * 5904
            expect(errno.ENOTSUP, lambda: h.zero(4096, 1 << 20, nbd.CMD_FLAG_FAST_ZERO | nbd.CMD_FLAG_NO_HOLE))
            assert h.pread(7, 1 << 20) == b'\xff' * 7

            h.flush()
            h.flush(nbd.CMD_FLAG_FUA)
            h.cache(1 << 20, 0)

            expect(errno.EINVAL, lambda: h.pread(2, size - 1))
            expect(errno.EINVAL, lambda: h.pread(1, size))
            expect(errno.EINVAL, lambda: h.trim(2, size - 1))
            expect(errno.EINVAL, lambda: h.cache(2, size - 1))
            expect(errno.ENOSPC, lambda: h.pwrite(b'ab', size - 1))
            expect(errno.ENOSPC, lambda: h.zero(2, size - 1))
            expect(errno.EINVAL, lambda: h.pread((32 << 20) + 1, 0))
            expect(errno.EINVAL, lambda: h.pwrite(bytes((32 << 20) + 1), 0))
            assert h.pread(4, 0) == bytes(4)

            h.pwrite(b'tail', size - 4)
            assert h.pread(4, size - 4) == b'tail'
            h.shutdown()
            print('ok')
            """;
        await RunNbdshAsync(Kestrel.TcpUri("edge"), Script);
        Assert.Equal("tail"u8.ToArray(), await Host.ReadExportAsync("edge", (48 << 20) - 4, 4));
    }

    [Fact]
    public async Task Nbdsh_UnknownExport_FailsCleanly_ServerKeepsServing()
    {
        var result = await RunAsync("nbdinfo", Kestrel.TcpUri("no-such-export"));
        Assert.NotEqual(0, result.ExitCode);
        await Host.CreateExportAsync("after-unknown", 1 << 20);
        await RunNbdshAsync(Kestrel.UnixUri("after-unknown"), "h.pwrite(b'x', 0)\nassert h.pread(1, 0) == b'x'\nprint('ok')");
    }

    private static List<string> ExportNames(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("exports").EnumerateArray().Select(e => e.GetProperty("export-name").GetString()!)];

    private static JsonElement Export(JsonElement info) => info.GetProperty("exports")[0];
}
