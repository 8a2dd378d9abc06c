using System.Diagnostics;

namespace ZeroFs.Fuse.Tests;

/// <summary>Runs helper programs (python3, setpriv, fusermount3) and captures their output.</summary>
internal static class Shell
{
    /// <summary>The system python (readable by every uid, unlike a per-user install).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>An unprivileged uid and gid for the non-root tests.</summary>
    public const int OtherUser = 1000;

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] args) => RunAsync(file, args, null);

    /// <summary>
    /// Runs a program; with <paramref name="stdinHook"/>, waits for its first output line, runs the hook,
    /// then writes a line to its stdin (a rendezvous for "do something while the file is open").
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, string[] args, Func<Task>? stdinHook)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var firstLine = "";
        if (stdinHook is not null)
        {
            firstLine = (await process.StandardOutput.ReadLineAsync() ?? "") + "\n";
            await stdinHook();
            await process.StandardInput.WriteLineAsync("go");
            await process.StandardInput.FlushAsync();
        }

        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, firstLine + stdout, await stderr);
    }

    /// <summary>Runs a python snippet, as root or as <paramref name="uid"/>; fails the test if it exits non-zero.</summary>
    public static async Task<string> PythonAsync(string code, int? uid = null, Func<Task>? stdinHook = null)
    {
        var result = uid is { } id
            ? await RunAsync("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", Python, "-c", code], stdinHook)
            : await RunAsync(Python, ["-c", code], stdinHook);
        Assert.True(result.ExitCode == 0, $"python failed ({result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        return result.Stdout.Trim();
    }
}
