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
    /// NFSv3 has no extended attributes (they came with NFSv4.2, RFC 8276). nfstime3's seconds are a uint32
    /// (RFC 1813), so times past 2106 cannot travel: Linux's NFSv3 superblock has s_time_max = U32_MAX and the
    /// VFS clamps the suite's year-2200 times to 4294967295 before the client sends them (2038-2106 work).
    /// Everything else stays on: AUTH_SYS carries the uid, gid and supplementary groups, and nfstime3 carries
    /// nanoseconds.
    /// </summary>
    private const string NfsCapabilities = "--no-xattr --no-ts64";

    /// <summary>
    /// The Linux NFS client's "silly rename" (fs/nfs/unlink.c): NFSv3 has no open state, so when a file that is
    /// open in the client is unlinked or renamed over, the client renames it to <c>.nfsXXXX</c> instead and
    /// removes that at the last close. Until then the name stays listed and the file keeps nlink 1; the
    /// server never sees the unlink.
    /// </summary>
    private static readonly Dictionary<string, string> ClientKnownFailures = new()
    {
        ["rename_replaces_atomically"] = "the NFS client silly-renames the open file that was replaced (nlink stays 1)",
        ["unlinked_open_file_stays_usable"] = "the NFS client silly-renames the unlinked open file (.nfsXXXX stays listed)",
    };

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

        var problems = SuiteReport.Problems("as root", Path.Combine(results, "root.tap"), minimumChecks: 85, server.Name, ClientKnownFailures, run)
            + SuiteReport.Problems("as uid 1000", Path.Combine(results, "user.tap"), minimumChecks: 85, server.Name, ClientKnownFailures, run);
        Assert.True(problems.Length == 0, $"{problems}{server.Diagnostics}");
        Assert.True(
            run.ExitCode == 0 && run.Stdout.Contains("workloads: all steps passed", StringComparison.Ordinal),
            $"the tar round trip on {server.Name} failed\n{run.Tail(60)}\n{server.Diagnostics}");
    }
}
