using ZeroFs.EndToEnd.Tests.Infrastructure;
using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests;

/// <summary>
/// Linux's own 9P client (v9fs in Debian's 6.1 kernel, booted by the rig) against the real server over
/// TCP. Each test starts its own server on a fresh store and boots one guest (two for the crash test).
/// </summary>
/// <remarks>
/// Mount: <c>cache=mmap</c>, as the reference recommends for 9P and runs in its xfstests and kernel-build
/// CI. Every stat goes to the server, so what the tests see is the server's behaviour rather than the
/// client's cache (<c>cache=loose</c> serves cached attributes and assumes a single client), and shared
/// writable mmap works (git, databases), which <c>cache=none</c> refuses. <c>msize=1048576</c>: large
/// reads and writes and directory pages; <c>access=user</c>: each uid attaches as itself.
/// </remarks>
[Collection(RigCollection.Name)]
public sealed class KernelNinePMountTests
{
    /// <summary>
    /// What 9P2000.L with Linux 6.1's v9fs cannot express, whatever the server: requests carry only the uid
    /// (the server takes gid = uid and no supplementary groups), an empty xattr value travels as a removal,
    /// and v9fs truncates the times it sends in setattr to whole seconds (its superblock's time
    /// granularity; times the server stamps itself keep their fraction, which the suite checks).
    /// renameat2 flags stay off (the suite's default): v9fs refuses them before asking the server.
    /// </summary>
    private const string NinePCapabilities = "--no-groups --no-xattr-empty --no-ts-nanoseconds";

    /// <summary>stress-ng's filesystem stressors (the reference CI's job file runs a similar set).</summary>
    private static readonly string[] Stressors =
        ["dir", "dentry", "link", "symlink", "rename", "hdd", "chmod", "utime", "xattr", "flock", "lockf", "fcntl"];

    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan WorkloadTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan CrashTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task PosixSuite_AsRootThenAsUser1000_Passes()
    {
        using var temp = new TempDirectory();
        using var server = NinePServers.Create(temp);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);
        File.Copy(RepositoryPaths.Guest("posix_suite.py"), Path.Combine(results, "posix_suite.py"));

        var run = await Rig.RunAsync(
            RepositoryPaths.Guest("posix-suite.sh"),
            GuestEnvironment(server, results, new()
            {
                ["SUITE_CAPS"] = $"{NinePCapabilities} {server.SuiteCapabilities}",
                ["ROOT_READDIR_COUNT"] = "10000",
                ["USER_READDIR_COUNT"] = "1000",
            }),
            [results],
            SuiteTimeout);

        Assert.True(run.ExitCode == 0, $"the guest script failed\n{run.Tail(40)}\n{server.Diagnostics}");
        var problems = SuiteReport.Problems("as root", Path.Combine(results, "root.tap"), minimumChecks: 85, server.Name, server.KnownSuiteFailures, run)
            + SuiteReport.Problems("as uid 1000", Path.Combine(results, "user.tap"), minimumChecks: 85, server.Name, server.KnownSuiteFailures, run);
        Assert.True(problems.Length == 0, $"{problems}{server.Diagnostics}");
    }

    [Fact]
    public async Task TarGitAndStressNg_OnTheMount_AllSucceed()
    {
        using var temp = new TempDirectory();
        using var server = NinePServers.Create(temp);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);

        // /usr/include/linux: 763 headers in 30 dirs (6.5 MB); all of /usr/include (8,000 files) takes
        // many minutes under TCG, where every 9P round trip crosses an emulated network stack.
        var run = await Rig.RunAsync(
            RepositoryPaths.Guest("workloads.sh"),
            GuestEnvironment(server, results, new()
            {
                ["TAR_SOURCES"] = "linux",
                ["GIT_SUBDIR"] = "linux/netfilter",
                ["STRESSORS"] = string.Join(' ', Stressors.Where(s => !server.UnsupportedStressors.ContainsKey(s))),
                ["STRESS_SECONDS"] = "30",
            }),
            [results],
            WorkloadTimeout);

        Assert.True(
            run.ExitCode == 0 && run.Stdout.Contains("workloads: all steps passed", StringComparison.Ordinal),
            $"a workload step failed on {server.Name}\n{run.Tail(60)}\n{server.Diagnostics}");
    }

    [Fact]
    public async Task Sigkill_WhileTheGuestWritesAndFsyncs_EveryAcknowledgedFileSurvivesTheRestart()
    {
        const int AcknowledgedBeforeKill = 25;
        using var temp = new TempDirectory();
        using var server = NinePServers.Create(temp);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);
        var acks = Path.Combine(results, "acks");
        File.WriteAllText(acks, "");

        var writer = Rig.RunAsync(
            RepositoryPaths.Guest("crash-write.sh"),
            GuestEnvironment(server, results, new() { ["CRASH_MAX_FILES"] = "5000" }),
            [results],
            CrashTimeout);
        await WaitForLinesAsync(acks, AcknowledgedBeforeKill, writer, server);
        server.Kill();
        var written = await writer;

        Assert.True(written.ExitCode == 0, $"the writer did not stop on the crash\n{written.Tail(30)}\n{server.Diagnostics}");
        var acknowledged = CompleteLines(acks);
        Assert.True(acknowledged >= AcknowledgedBeforeKill, $"only {acknowledged} acknowledged files\n{written.Tail(30)}");

        await server.StartAsync();
        var verified = await Rig.RunAsync(
            RepositoryPaths.Guest("crash-verify.sh"), GuestEnvironment(server, results, new()), [results], CrashTimeout);

        Assert.True(
            verified.ExitCode == 0 && verified.Stdout.Contains($"verify: {acknowledged} acknowledged files checked", StringComparison.Ordinal),
            $"after SIGKILL and restart of {server.Name}, acknowledged data is missing or wrong\n{verified.Tail(40)}\n{server.Diagnostics}");
    }

    private static Dictionary<string, string> GuestEnvironment(INinePServer server, string results, Dictionary<string, string> extra)
    {
        var options = $"trans=tcp,port={server.Port},version=9p2000.L,msize=1048576,access=user,cache=mmap";
        if (server.ExtraMountOptions.Length > 0)
        {
            options += "," + server.ExtraMountOptions;
        }

        extra["NINEP_OPTIONS"] = options;
        extra["RESULTS"] = results;
        return extra;
    }

    private static async Task WaitForLinesAsync(string path, int count, Task<RigRun> writer, INinePServer server)
    {
        var deadline = DateTime.UtcNow + CrashTimeout;
        while (CompleteLines(path) < count)
        {
            if (writer.IsCompleted)
            {
                var run = await writer;
                Assert.Fail($"the writer ended before {count} acknowledgements\n{run.Tail(30)}\n{server.Diagnostics}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} acknowledgements after {CrashTimeout}\n{server.Diagnostics}");
            await Task.Delay(100);
        }
    }

    private static int CompleteLines(string path) => File.ReadAllText(path).Count(c => c == '\n');
}
