using System.Diagnostics;
using System.Reflection;

namespace ZeroFs.Engine.Tests.Process;

/// <summary>A running ZeroFs.Engine.Probe: collects its stdout lines and exit code.</summary>
internal sealed class ProbeProcess : IAsyncDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private readonly Task _reader;

    private ProbeProcess(System.Diagnostics.Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_lock)
                {
                    _lines.Add(line);
                }
            }
        });
    }

    public List<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public static ProbeProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProbePath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ProbeProcess(System.Diagnostics.Process.Start(start)!);
    }

    /// <summary>Waits until a line satisfies <paramref name="predicate"/>; fails with stderr if the process exits first.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Lines.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                await _reader;
                found = Lines.FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                Assert.Fail($"probe exited {_process.ExitCode} first: {string.Join(" | ", Lines.TakeLast(5))} {await _process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(20);
        }

        Assert.Fail($"timed out; last lines: {string.Join(" | ", Lines.TakeLast(5))}");
        return null!;
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reader;
        return _process.ExitCode;
    }

    /// <summary>The largest i of the "durable i" lines (−1 when none).</summary>
    public int LastDurable => Lines.Where(l => l.StartsWith("durable ", StringComparison.Ordinal)).Select(l => int.Parse(l[8..])).DefaultIfEmpty(-1).Max();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string ProbePath()
    {
        var path = Path.GetFullPath(typeof(ProbeProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "EngineProbePath").Value!);
        Assert.True(File.Exists(path), $"engine probe not built at {path}");
        return path;
    }
}
