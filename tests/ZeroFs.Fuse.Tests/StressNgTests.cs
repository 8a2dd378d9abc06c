using System.Globalization;
using System.Text.RegularExpressions;
using ZeroFs.Testing;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// stress-ng's filesystem stressors on a <c>zerofs mount</c> mount of <c>zerofs run</c>, one instance each, all at once, with
/// <c>--verify</c>: the set the kernel 9P tier runs (tests/ZeroFs.EndToEnd.Tests/Guest/workloads.sh) plus
/// seek and copy-file. Stressors that walk or sync every mount on the machine (getdent, io) are left out:
/// on a shared host they wander into other people's mounts.
/// </summary>
public sealed partial class StressNgTests : IAsyncLifetime
{
    private const int Seconds = 20;

    /// <summary>Each of these completes many bogo operations a second; a run with none means the stressor got nowhere.</summary>
    private static readonly string[] Busy = ["dir", "dentry", "rename", "hdd", "chmod", "utime", "flock", "lockf", "fcntl", "seek", "copy-file"];

    /// <summary>One bogo operation is thousands of calls (8,192 links, 4,096 attributes), so a loaded host may finish none in the time.</summary>
    private static readonly string[] Heavy = ["link", "symlink", "xattr"];

    private readonly TempDirectory _directory = new();
    private ZerofsServer _server = null!;
    private ZerofsMount? _zerofs;

    private string MountPoint => _directory.Combine("mnt");

    public async Task InitializeAsync()
    {
        _server = await ZerofsServer.StartAsync();
        Directory.CreateDirectory(MountPoint);
        _zerofs = ZerofsMount.Start(null, "mount", _server.Endpoint, MountPoint, "-f");
        await _zerofs.WaitForStdoutAsync("Mounted", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        if (ZerofsMount.IsMounted(MountPoint))
        {
            await Shell.RunAsync("fusermount3", "-uz", MountPoint);
        }

        _zerofs?.Dispose();
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task FilesystemStressors_WithVerify_CompleteWithoutFailures()
    {
        var directory = Path.Combine(MountPoint, "stress");
        Directory.CreateDirectory(directory);
        string[] stressors = [.. Busy, .. Heavy];

        // A stressor stuck in the filesystem must fail the test rather than hang it.
        var (exit, output, error) = await Shell.RunAsync(
            "timeout",
            [
                "-k", "10", (Seconds + 90).ToString(CultureInfo.InvariantCulture),
                "stress-ng", "--temp-path", directory, "--timeout", $"{Seconds}s", "--metrics-brief", "--verify", "--hdd-bytes", "8M",
                .. stressors.SelectMany(s => new[] { "--" + s, "1" }),
            ],
            null);
        var log = output + error;
        Assert.True(exit == 0, $"stress-ng exited {exit}:\n{log}");
        Assert.Contains("successful run completed", log, StringComparison.Ordinal);
        var failures = log.Split('\n').Where(l => FailureWord().IsMatch(l) && !l.Contains(" 0 fail", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, $"stress-ng reported failures:\n{string.Join('\n', failures)}\n\n{log}");

        var operations = BogoOps().Matches(log)
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => long.Parse(g.First().Groups[2].Value, CultureInfo.InvariantCulture));
        foreach (var stressor in stressors)
        {
            Assert.True(operations.ContainsKey(stressor), $"no metrics for {stressor}:\n{log}");
        }

        foreach (var stressor in Busy)
        {
            Assert.True(operations[stressor] > 0, $"{stressor} completed no operation in {Seconds} s:\n{log}");
        }

        // Every stressor removes what it made.
        Assert.Empty(Directory.GetFileSystemEntries(directory));
        Assert.Empty(await _server.View(MountPoint).ListAsync(directory));

        var (unmounted, _, unmountError) = await Shell.RunAsync("fusermount3", "-u", MountPoint);
        Assert.True(unmounted == 0, unmountError);
        Assert.Equal(0, await _zerofs!.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [GeneratedRegex("fail|error", RegexOptions.IgnoreCase)]
    private static partial Regex FailureWord();

    /// <summary>A row of the metrics table: "stress-ng: metrc: [pid] NAME BOGO-OPS REAL-TIME ...".</summary>
    [GeneratedRegex(@"^stress-ng: metrc: \[\d+\] (\S+)\s+(\d+)\s+\d+\.\d+\s", RegexOptions.Multiline)]
    private static partial Regex BogoOps();
}
