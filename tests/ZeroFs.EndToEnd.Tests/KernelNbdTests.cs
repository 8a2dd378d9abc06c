using System.Globalization;
using System.Text.Json;
using ZeroFs.EndToEnd.Tests.Infrastructure;
using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests;

/// <summary>
/// Linux's own NBD client (nbd-client over netlink, Debian's 6.1 kernel in the rig) on an export of the real
/// server: a regular file in /.nbd of the filesystem, created through the kernel's 9P client in the same guest.
/// </summary>
[Collection(RigCollection.Name)]
public sealed class KernelNbdTests
{
    private const string Export = "vol1";

    /// <summary>What the fio write pass writes (half the export's blocks, each at most once) and every verify pass reads.</summary>
    private const long FioIoBytes = 32L << 20;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FioTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// First boot: ext4 on the device (mkfs, copy a tree, e2fsck -f -n clean, remount and diff -r, fstrim), then
    /// random data written with O_DIRECT and fsync (an NBD FLUSH) and its checksum recorded. The host SIGKILLs
    /// the server and restarts it on the same store; a second boot reconnects and reads the data back.
    /// </summary>
    [Fact]
    public async Task Ext4OnTheDevice_ThenFlushedDataSurvivesSigkill()
    {
        using var temp = new TempDirectory();
        using var server = new ZerofsServer(temp, nbd: true);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);

        var written = await Rig.RunAsync(RepositoryPaths.Guest("nbd.sh"), Environment(server, results, "write"), [results], Timeout);
        Assert.True(
            written.ExitCode == 0 && written.Stdout.Contains("nbd write: all steps passed", StringComparison.Ordinal),
            $"the first boot failed on {server.Name}\n{written.Tail(60)}\n{server.Diagnostics}");

        server.Kill();
        await server.StartAsync();

        var verified = await Rig.RunAsync(RepositoryPaths.Guest("nbd.sh"), Environment(server, results, "verify"), [results], Timeout);
        Assert.True(
            verified.ExitCode == 0 && verified.Stdout.Contains("nbd verify: all steps passed", StringComparison.Ordinal),
            $"after SIGKILL and restart of {server.Name}, flushed data is missing or wrong\n{verified.Tail(60)}\n{server.Diagnostics}");
    }

    /// <summary>
    /// fio's crc32c verification through the kernel's client: 4 KiB random writes (libaio, iodepth 16, O_DIRECT)
    /// over a 64 MiB export ending in an fsync (an NBD FLUSH); the host SIGKILLs the server as soon as the guest
    /// reports the fsync done and restarts it on the same store; the guest reconnects and fio's verify_only pass
    /// reads every block back, then again after a plain disconnect and reconnect. A control pass over a
    /// deliberately overwritten MiB must fail, which proves the verification can fail at all.
    /// </summary>
    [Fact]
    public async Task FioCrc32cVerify_AcrossSigkillAndReconnect_FindsEveryBlock()
    {
        using var temp = new TempDirectory();
        using var server = new ZerofsServer(temp, nbd: true);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);
        var environment = new Dictionary<string, string>
        {
            ["NBD_PORT"] = server.NbdPort!.Value.ToString(CultureInfo.InvariantCulture),
            ["NBD_EXPORT"] = Export,
            ["NBD_SIZE"] = "64M",
            ["FIO_IO_SIZE"] = $"{FioIoBytes >> 20}M",
            ["NINEP_OPTIONS"] = $"trans=tcp,port={server.Port},version=9p2000.L,msize=1048576,access=user",
            ["RESULTS"] = results,
        };

        var guest = Rig.RunAsync(RepositoryPaths.Guest("nbd-fio.sh"), environment, [results], FioTimeout);
        var flushed = Path.Combine(results, "flushed");
        while (!File.Exists(flushed) && !guest.IsCompleted)
        {
            await Task.WhenAny(guest, Task.Delay(50));
        }

        var killed = File.Exists(flushed);
        if (killed)
        {
            try
            {
                server.Kill();
                await server.StartAsync();
            }
            finally
            {
                // Also when the restart failed: the guest then fails at once instead of waiting out its timeout.
                await File.WriteAllTextAsync(Path.Combine(results, "restarted"), "");
            }
        }

        var run = await guest;
        var context = $"{server.Name}\n{run.Tail(60)}\n{server.Diagnostics}";
        Assert.True(killed, $"the guest never reported its fio write pass fsynced\n{context}");
        Assert.True(run.ExitCode == 0 && run.Stdout.Contains("nbd-fio: all steps passed", StringComparison.Ordinal), $"the guest failed\n{context}");

        // The guest checked fio's exit status and stderr; these check what fio says it did, from its JSON.
        AssertFioPass(results, "write", write: FioIoBytes, read: 0, context);
        AssertFioPass(results, "verify-restart", write: FioIoBytes, read: FioIoBytes, context);
        AssertFioPass(results, "verify-reconnect", write: FioIoBytes, read: FioIoBytes, context);
        var control = FioJob(results, "corrupt");
        Assert.True(control.GetProperty("error").GetInt32() != 0, $"fio verify_only passed over an overwritten MiB\n{context}");
    }

    /// <summary>One fio pass's JSON: no error, and exactly the expected bytes written (or replayed, for verify_only) and read.</summary>
    private static void AssertFioPass(string results, string pass, long write, long read, string context)
    {
        var job = FioJob(results, pass);
        Assert.True(job.GetProperty("error").GetInt32() == 0, $"fio {pass}: error {job.GetProperty("error")}\n{context}");
        Assert.True(
            job.GetProperty("write").GetProperty("io_bytes").GetInt64() == write && job.GetProperty("read").GetProperty("io_bytes").GetInt64() == read,
            $"fio {pass}: wrote {job.GetProperty("write").GetProperty("io_bytes")} and read {job.GetProperty("read").GetProperty("io_bytes")} bytes, expected {write} and {read}\n{context}");
    }

    private static JsonElement FioJob(string results, string pass)
    {
        // fio may print notes before the JSON document in its --output file.
        var text = File.ReadAllText(Path.Combine(results, $"fio-{pass}.json"));
        using var document = JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]);
        var jobs = document.RootElement.GetProperty("jobs");
        Assert.Equal(1, jobs.GetArrayLength());
        return jobs[0].Clone();
    }

    private static Dictionary<string, string> Environment(ZerofsServer server, string results, string phase) => new()
    {
        ["NBD_PHASE"] = phase,
        ["NBD_PORT"] = server.NbdPort!.Value.ToString(CultureInfo.InvariantCulture),
        ["NBD_EXPORT"] = Export,
        ["NBD_SIZE"] = "256M",
        ["NINEP_OPTIONS"] = $"trans=tcp,port={server.Port},version=9p2000.L,msize=1048576,access=user,cache=mmap",
        ["TREE"] = "linux",
        ["RESULTS"] = results,
    };
}
