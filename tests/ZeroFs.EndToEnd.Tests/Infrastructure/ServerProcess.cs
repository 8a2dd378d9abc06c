using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A long-running server child process: an explicit environment, stdout and stderr captured into one
/// bounded log for failure messages, readiness by TCP connect, and <see cref="Kill"/> as SIGKILL.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int MaxLogChars = 256 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (the start is dropped past 256 KiB).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with only PATH, HOME, TMPDIR and DOTNET_* inherited, plus <paramref name="environment"/>.</summary>
    public static ServerProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name is not ("PATH" or "HOME" or "TMPDIR") && !name.StartsWith("DOTNET_", StringComparison.Ordinal))
            {
                info.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var result = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return result;
    }

    /// <summary>Waits until 127.0.0.1:<paramref name="port"/> accepts a connection; fails if the process exits first.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with {_process.ExitCode} before listening on port {port}.\n{Tail(60)}");
            }

            using (var client = new TcpClient())
            {
                try
                {
                    await client.ConnectAsync("127.0.0.1", port);
                    return;
                }
                catch (SocketException) when (clock.Elapsed < timeout)
                {
                }
                catch (SocketException e)
                {
                    throw new TimeoutException($"{what} is not listening on port {port} after {timeout}: {e.Message}\n{Tail(60)}");
                }
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, as a crash would end it, and waits for the process to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    /// <summary>The last <paramref name="lines"/> lines of the log.</summary>
    public string Tail(int lines) => TextTail.Of(Log, lines);

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > MaxLogChars)
            {
                _log.Remove(0, _log.Length - MaxLogChars);
            }
        }
    }
}
