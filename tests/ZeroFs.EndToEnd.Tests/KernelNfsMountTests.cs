using ZeroFs.EndToEnd.Tests.Infrastructure;
using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests;

/// <summary>
/// Linux's own NFSv3 client (Debian's 6.1 kernel, booted by the rig) against the real server over TCP, with
/// MOUNT on the NFS port. One server on a fresh store and one guest boot: the POSIX suite as root and as
/// uid 1000, then a tar round trip compared byte for byte.
/// </summary>
/// <remarks>
/// Mount: <c>vers=3,proto=tcp,nolock,port=P,mountport=P,mountproto=tcp</c>, the client's defaults otherwise
/// (hard, close-to-open attribute caching). <c>nolock</c>: there is no NLM, so fcntl locks are local to the
/// guest's client, which is where all the suite's lockers run.
/// </remarks>
[Collection(RigCollection.Name)]
public sealed class KernelNfsMountTests
{
    /// <summary>
    /// NFSv3 has no extended attributes (that came with NFSv4.2 / RFC 8276). Everything else stays on:
    /// AUTH_SYS carries the uid, gid and supplementary groups, and nfstime3 carries nanoseconds.
    /// </summary>
    private const string NfsCapabilities = "--no-xattr";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task PosixSuiteAsRootThenAsUser1000_ThenTarRoundTrip_Pass()
    {
        using var temp = new TempDirectory();
        using var server = new ZerofsServer(temp, nfs: true);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);
        File.Copy(RepositoryPaths.Guest("posix_suite.py"), Path.Combine(results, "posix_suite.py"));
        var port = server.NfsPort!.Value;

        var run = await Rig.RunAsync(
            RepositoryPaths.Guest("nfs.sh"),
            new Dictionary<string, string>
            {
                ["NFS_OPTIONS"] = $"vers=3,proto=tcp,nolock,port={port},mountport={port},mountproto=tcp",
                ["RESULTS"] = results,
                ["SUITE_CAPS"] = $"{NfsCapabilities} {server.SuiteCapabilities}",
                ["ROOT_READDIR_COUNT"] = "10000",
                ["USER_READDIR_COUNT"] = "1000",

                // /usr/include/linux: 763 headers in 30 dirs (6.5 MB), as in the 9P workloads.
                ["TAR_SOURCES"] = "linux",
            },
            [results],
            Timeout);

        var problems = SuiteReport.Problems("as root", Path.Combine(results, "root.tap"), minimumChecks: 85, server.Name, server.KnownSuiteFailures, run)
            + SuiteReport.Problems("as uid 1000", Path.Combine(results, "user.tap"), minimumChecks: 85, server.Name, server.KnownSuiteFailures, run);
        Assert.True(problems.Length == 0, $"{problems}{server.Diagnostics}");
        Assert.True(
            run.ExitCode == 0 && run.Stdout.Contains("workloads: all steps passed", StringComparison.Ordinal),
            $"the tar round trip on {server.Name} failed\n{run.Tail(60)}\n{server.Diagnostics}");
    }
}
