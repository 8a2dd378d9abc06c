using Xunit.Abstractions;
using ZeroFs.EndToEnd.Tests.Infrastructure;
using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests;

/// <summary>
/// Linux's NFSv3 client (Debian's 6.1 kernel in the rig) on <c>zerofs run</c>: real programs on the mount
/// (git, a parallel C build, stress-ng), and the server SIGKILLed and restarted under a live hard mount.
/// Each test starts its own server on a fresh store.
/// </summary>
/// <remarks>
/// Mount: <c>vers=3,proto=tcp,nolock,port=P,mountport=P,mountproto=tcp</c> and the client's defaults
/// otherwise: <c>hard</c> (calls are retried until the server answers, so a restart is an outage, not an
/// error), close-to-open caching.
/// </remarks>
[Collection(RigCollection.Name)]
public sealed class KernelNfsWorkloadTests(ITestOutputHelper output)
{
    /// <summary>
    /// stress-ng's filesystem stressors that reach the server over NFSv3. Left out: <c>xattr</c> (NFSv3 has no
    /// extended attributes) and the lock stressors (<c>flock</c>, <c>lockf</c>, <c>fcntl</c>): with <c>nolock</c>
    /// the client keeps locks to itself, so they would not exercise the server.
    /// </summary>
    private static readonly string[] Stressors = ["dir", "dentry", "link", "symlink", "rename", "hdd", "chmod", "utime"];

    private static readonly TimeSpan WorkloadTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task GitParallelBuildAndStressNg_OnTheMount_AllSucceed()
    {
        using var temp = new TempDirectory();
        using var server = new ZerofsServer(temp, nfs: true);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);

        var run = await Rig.RunAsync(
            RepositoryPaths.Guest("workloads.sh"),
            GuestEnvironment(server, results, new()
            {
                ["STEPS"] = "tar git build stress",

                // /usr/include/linux/netfilter (91 headers) becomes the git repository; the kernel NFS
                // test already copies all of /usr/include/linux.
                ["TAR_SOURCES"] = "linux/netfilter",
                ["GIT_SUBDIR"] = "linux/netfilter",

                // Each unit is a gcc and an as process: ~0.1 s of emulated CPU apiece under TCG.
                ["BUILD_UNITS"] = "200",
                ["STRESSORS"] = string.Join(' ', Stressors),
                ["STRESS_SECONDS"] = "20",
            }),
            [results],
            WorkloadTimeout);

        Assert.True(
            run.ExitCode == 0 && run.Stdout.Contains("workloads: all steps passed", StringComparison.Ordinal),
            $"a workload step failed on {server.Name}\n{run.Tail(60)}\n{server.Diagnostics}");
        output.WriteLine(run.Tail(80));
    }

    /// <summary>
    /// The guest keeps a file open for writing and a writer fsyncing files in a loop while the host
    /// SIGKILLs the server and starts it again on the same port and store; the client must carry on
    /// without an error (no ESTALE: file handles name the volume and the inode, both stable across
    /// restarts). Right after that boot the server is SIGKILLed again, and a second boot with a fresh
    /// client checks every file whose fsync (COMMIT) returned, byte for byte.
    /// </summary>
    [Fact]
    public async Task Sigkill_UnderALiveMount_ClientCarriesOn_AndEveryFsyncedFileSurvives()
    {
        using var temp = new TempDirectory();
        using var server = new ZerofsServer(temp, nfs: true);
        await server.StartAsync();
        var results = Rig.SharedResults(temp);
        File.WriteAllText(Path.Combine(results, "acks"), "");

        var live = Rig.RunAsync(
            RepositoryPaths.Guest("nfs-restart.sh"), GuestEnvironment(server, results, []), [results], RestartTimeout);
        await WaitForMarkerAsync(Path.Combine(results, "ready"), live, server);
        server.Kill();
        await File.WriteAllTextAsync(Path.Combine(results, "killed"), "");

        // Give the client time to notice: its connection is reset and its retries are refused.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await File.WriteAllTextAsync(Path.Combine(results, "restarting"), "");
        await server.StartAsync();
        var first = await live;

        Assert.True(
            first.ExitCode == 0 && first.Stdout.Contains("restart: all checks passed", StringComparison.Ordinal),
            $"the client did not carry on across the restart of {server.Name}\n{first.Tail(60)}\n{server.Diagnostics}");

        output.WriteLine(first.Tail(40));

        // A second crash, no clean shutdown: only the fsyncs made the acknowledged files durable.
        server.Kill();
        await server.StartAsync();
        var acknowledged = File.ReadAllLines(Path.Combine(results, "acks")).Length;
        var verified = await Rig.RunAsync(
            RepositoryPaths.Guest("crash-verify.sh"), GuestEnvironment(server, results, []), [results], RestartTimeout);

        Assert.True(
            verified.ExitCode == 0 && verified.Stdout.Contains($"verify: {acknowledged} acknowledged files checked", StringComparison.Ordinal),
            $"after SIGKILL and restart of {server.Name}, fsynced data is missing or wrong\n{verified.Tail(40)}\n{server.Diagnostics}");
        output.WriteLine(verified.Tail(10));
    }

    private static Dictionary<string, string> GuestEnvironment(ZerofsServer server, string results, Dictionary<string, string> extra)
    {
        var port = server.NfsPort!.Value;
        extra["MOUNT_KIND"] = "nfs";
        extra["NFS_OPTIONS"] = $"vers=3,proto=tcp,nolock,port={port},mountport={port},mountproto=tcp";
        extra["RESULTS"] = results;
        return extra;
    }

    private static async Task WaitForMarkerAsync(string path, Task<RigRun> guest, ZerofsServer server)
    {
        var deadline = DateTime.UtcNow + RestartTimeout;
        while (!File.Exists(path))
        {
            if (guest.IsCompleted)
            {
                var run = await guest;
                Assert.Fail($"the guest ended before writing {Path.GetFileName(path)}\n{run.Tail(40)}\n{server.Diagnostics}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"no {Path.GetFileName(path)} from the guest after {RestartTimeout}\n{server.Diagnostics}");
            await Task.Delay(100);
        }
    }
}
