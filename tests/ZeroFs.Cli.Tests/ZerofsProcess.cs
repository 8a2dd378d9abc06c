using System.Diagnostics;
using System.Text;

namespace ZeroFs.Cli.Tests;

/// <summary>Runs the real built <c>zerofs</c> as a child process with an explicit environment and working directory.</summary>
internal sealed class ZerofsProcess : IDisposable
{
    private static readonly string DllPath = Locate();

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ZerofsProcess(Process process)
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

    /// <summary>Starts zerofs; stdin is a pipe (never a terminal) and is closed after <paramref name="stdin"/> is written.</summary>
    public static ZerofsProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // An explicit environment: nothing from the test runner leaks in except what dotnet needs.
        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name is not ("PATH" or "DOTNET_ROOT" or "HOME" or "TMPDIR") && !name.StartsWith("DOTNET_", StringComparison.Ordinal))
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var result = new ZerofsProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(result._stdout, result._stdoutClosed, e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(result._stderr, result._stderrClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return result;
    }

    /// <summary>Runs zerofs to completion.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? stdin, params string[] args)
    {
        using var process = Start(workingDirectory, environment, stdin, args);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Stdout, process.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"zerofs did not exit within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until stdout contains <paramref name="text"/> (or the process exits).</summary>
    public async Task WaitForStdoutAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException(
                    $"zerofs never printed \"{text}\" (exited: {_process.HasExited}).\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a POSIX signal the way an init system would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder builder, TaskCompletionSource closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Locate()
    {
        // The ProjectReference copies zerofs.dll and its runtimeconfig next to the tests.
        var path = Path.Combine(AppContext.BaseDirectory, "zerofs.dll");
        if (!File.Exists(path) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "zerofs.runtimeconfig.json")))
        {
            throw new FileNotFoundException($"zerofs.dll (with its runtimeconfig) not found in {AppContext.BaseDirectory}; build ZeroFs.Cli first");
        }

        return path;
    }
}
