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
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

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

    private static Dictionary<string, string> Environment(ZerofsServer server, string results, string phase) => new()
    {
        ["NBD_PHASE"] = phase,
        ["NBD_PORT"] = server.NbdPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["NBD_EXPORT"] = Export,
        ["NBD_SIZE"] = "256M",
        ["NINEP_OPTIONS"] = $"trans=tcp,port={server.Port},version=9p2000.L,msize=1048576,access=user,cache=mmap",
        ["TREE"] = "linux",
        ["RESULTS"] = results,
    };
}
