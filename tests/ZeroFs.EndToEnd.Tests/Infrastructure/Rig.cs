using System.Diagnostics;
using System.Globalization;
using System.Text;
using ZeroFs.Testing;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs a guest script under <c>../shared/rig/vm-run</c> (Debian's kernel in qemu, the host's userland
/// read-only underneath). A rig that cannot boot the guest is a failure with the console tail, never a skip.
/// </summary>
internal static class Rig
{
    /// <summary>vm-run's status when guest-init failed.</summary>
    private const int GuestInitFailed = 254;

    /// <summary>vm-run's status when the guest died without reporting one (panic, qemu failure).</summary>
    private const int GuestDied = 255;

    /// <summary>vm-run's status on <c>--timeout</c>.</summary>
    private const int TimedOut = 124;

    /// <summary>
    /// Boots the guest and runs <c>bash <paramref name="script"/></c> as root with <paramref name="environment"/>;
    /// <paramref name="shares"/> are host directories writable at the same path in the guest.
    /// Returns the script's exit status and output; throws when the guest could not run it at all.
    /// </summary>
    public static async Task<RigRun> RunAsync(
        string script, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> shares, TimeSpan timeout)
    {
        var vmRun = RepositoryPaths.VmRun;
        var info = new ProcessStartInfo(vmRun)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add("--timeout");
        info.ArgumentList.Add(((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        foreach (var share in shares)
        {
            info.ArgumentList.Add("--share");
            info.ArgumentList.Add(share);
        }

        foreach (var (name, value) in environment)
        {
            info.ArgumentList.Add("--env");
            info.ArgumentList.Add($"{name}={value}");
        }

        info.ArgumentList.Add("--");
        info.ArgumentList.Add("bash " + script);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        // vm-run enforces the guest timeout itself; this one only catches a hung qemu.
        using var cancellation = new CancellationTokenSource(timeout + TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"vm-run did not end within {timeout} + 2 min\n{Describe(stdout, stderr)}");
        }

        process.WaitForExit(); // drains the redirected streams
        var run = new RigRun(process.ExitCode, Read(stdout), Read(stderr), clock.Elapsed);
        switch (run.ExitCode)
        {
            case GuestInitFailed or GuestDied:
                throw new InvalidOperationException(
                    $"the rig could not run the guest (vm-run exit {run.ExitCode}; qemu or the guest kernel failed)\n{run.Tail(60)}");
            case TimedOut:
                throw new TimeoutException($"the guest command ran past {timeout} (vm-run --timeout)\n{run.Tail(60)}");
            default:
                return run;
        }
    }

    /// <summary>A host directory for <c>--share</c> that the guest writes its results into (readable by the guest's uid 1000 too).</summary>
    public static string SharedResults(TempDirectory temp)
    {
        var results = temp.Combine("results");
        Directory.CreateDirectory(results);
        File.SetUnixFileMode(results, (UnixFileMode)0b111_101_101);
        return results;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    private static string Describe(StringBuilder stdout, StringBuilder stderr) =>
        $"stdout:\n{TextTail.Of(Read(stdout), 40)}\nstderr:\n{TextTail.Of(Read(stderr), 40)}";
}
