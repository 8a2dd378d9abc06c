using System.Diagnostics;

namespace ZeroFs.Nbd.Tests.Clients;

/// <summary>Runs a real third-party client (libnbd's nbdinfo, nbdcopy, nbdsh) and captures its output.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    public static async Task<Result> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // nbdsh runs "python3 -m nbd": it needs the system interpreter that python3-libnbd is built
        // for, not a python3 an environment manager put first on PATH.
        start.Environment["PATH"] = "/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 5 minutes");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the tool and fails the test unless it exits 0.</summary>
    public static async Task<string> RunCheckedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {result}");
        return result.Output;
    }

    /// <summary>An nbdsh script run against <paramref name="uri"/>; it prints "ok" last when every assertion held.</summary>
    public static async Task RunNbdshAsync(string uri, string script)
    {
        var output = await RunCheckedAsync("nbdsh", "-u", uri, "-c", script);
        Assert.EndsWith("ok", output.TrimEnd(), StringComparison.Ordinal);
    }
}
