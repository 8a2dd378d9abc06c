using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ZeroFs.Testing;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// The 9P server the FUSE client is tested against: the real <c>zerofs run</c> (zerofs.dll next to the
/// tests) on a local store in a temp directory, serving 9P2000.L on a loopback port and a Unix socket.
/// The first start binds port 0 and reads the bound port from stdout; restarts reuse that port and the
/// store, as a service manager restarting a crashed server would.
/// </summary>
public sealed partial class ZerofsServer : IAsyncDisposable
{
    private const string Password = "fuse-tests-password";
    private static readonly string DllPath = Path.Combine(AppContext.BaseDirectory, "zerofs.dll");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _root = new();
    private Process? _process;
    private StringBuilder _output = new();

    private ZerofsServer()
    {
    }

    /// <summary>The TCP port (known once the server has started).</summary>
    public int Port { get; private set; }

    /// <summary>host:port for the client.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The Unix socket the server also listens on, as a <c>zerofs mount</c> target.</summary>
    public string UnixEndpoint => "unix:" + _root.Combine("9p.sock");

    /// <summary>The 9P aname: ZeroFS serves one tree, so the empty name (the root).</summary>
    public string AttachName => "";

    /// <summary>The server's output so far (stdout and stderr interleaved), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ZerofsServer> StartAsync()
    {
        var server = new ZerofsServer();
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A direct 9P view of the server (not through the kernel or the FUSE client), rooted at <paramref name="mountPoint"/>.</summary>
    public ServerView View(string mountPoint) => new(Endpoint, mountPoint);

    /// <summary>Kills the server with SIGKILL (as a crash would): nothing is flushed beyond what fsync made durable.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts it again on the same store and port.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _root.Dispose();
    }

    private async Task StartProcessAsync()
    {
        await File.WriteAllTextAsync(_root.Combine("zerofs.toml"), $$"""
            [cache]
            dir = "./cache"
            disk_size_gb = 1
            [storage]
            url = "./data"
            encryption_password = "${ZEROFS_PASSWORD}"
            [servers.ninep]
            addresses = ["127.0.0.1:{{Port}}"]
            unix_socket = "{{_root.Combine("9p.sock")}}"
            """);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _root.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[] { DllPath, "run", "-c", "zerofs.toml" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ZEROFS_PASSWORD"] = Password;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var output = new StringBuilder();
        _output = output;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!Output.Contains("Press Ctrl+C", StringComparison.Ordinal))
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"zerofs run did not start (exited: {process.HasExited}):\n{Output}");
            }

            await Task.Delay(25);
        }

        var bound = BoundPort().Match(Output);
        Assert.True(bound.Success, Output);
        Port = int.Parse(bound.Groups[1].Value, CultureInfo.InvariantCulture);
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

    [GeneratedRegex(@"^  ninep 127\.0\.0\.1:(\d+)$", RegexOptions.Multiline)]
    private static partial Regex BoundPort();
}
