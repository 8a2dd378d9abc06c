using System.Diagnostics;
using System.Text;

namespace ZeroFs.Fuse.Tests;

/// <summary>Runs the real <c>zerofs</c> binary (zerofs.dll next to the tests), optionally as another uid.</summary>
internal sealed class ZerofsMount : IDisposable
{
    private static readonly string DllPath = Path.Combine(AppContext.BaseDirectory, "zerofs.dll");

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ZerofsMount(Process process)
    {
        _process = process;
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ZerofsMount Start(int? uid, params string[] args)
    {
        var info = uid is { } id ? new ProcessStartInfo("setpriv") : new ProcessStartInfo("dotnet");
        if (uid is { } user)
        {
            foreach (var arg in new[] { $"--reuid={user}", $"--regid={user}", "--clear-groups", "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["HOME"] = Path.GetTempPath();
            info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = new Process { StartInfo = info };
        var result = new ZerofsMount(process);
        process.OutputDataReceived += (_, e) => Append(result._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(result._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"zerofs did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    public async Task WaitForStdoutAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"zerofs never printed \"{text}\" (exited: {_process.HasExited}).\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    /// <summary>Whether <paramref name="mountPoint"/> is a FUSE mount right now (/proc/self/mountinfo).</summary>
    public static bool IsMounted(string mountPoint) =>
        File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ') is var fields && fields.Length > 4 && fields[4] == mountPoint);

    /// <summary>Waits until <paramref name="mountPoint"/> is (or is no longer) mounted.</summary>
    public static async Task WaitForMountAsync(string mountPoint, bool mounted, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (IsMounted(mountPoint) != mounted)
        {
            Assert.True(deadline.Elapsed < timeout, $"{mountPoint} is {(mounted ? "not " : "")}mounted after {timeout}");
            await Task.Delay(50);
        }
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
}
