using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ZeroFs.Testing;

namespace ZeroFs.Fuse.Tests;

/// <summary>
/// The 9P server the FUSE client is tested against: a private diod (the reference 9P2000.L server,
/// Debian package <c>diod</c>) on a free loopback port, exporting a temp directory, run as root so
/// that each uid attaches as itself. It can be stopped and restarted on the same port and export.
/// </summary>
/// <remarks>
/// When <c>zerofs run</c> serves 9P, this is the place to start it instead (tests/ZeroFs.Cli.Tests/ZerofsProcess.cs
/// shows how); everything else addresses the server through <see cref="Endpoint"/> and <see cref="AttachName"/>.
/// </remarks>
public sealed class NinePServer : IAsyncDisposable
{
    private readonly TempDirectory _root = new();
    private Process? _process;

    private NinePServer()
    {
        Export = _root.Combine("export");
        Directory.CreateDirectory(Export);
        Port = FreePort();
    }

    /// <summary>
    /// Whether the server makes Tlocks from different fids conflict. diod does not: it takes each lock
    /// with fcntl in its own single process, where POSIX locks of one process never conflict, so every
    /// Tlock succeeds. The lock tests run once the server is <c>zerofs run</c>.
    /// </summary>
    public const bool EnforcesLocks = false;

    /// <summary>The exported directory (the server's view of the files).</summary>
    public string Export { get; }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>host:port for the client.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The 9P aname (diod exports by path).</summary>
    public string AttachName => Export;

    public static async Task<NinePServer> StartAsync()
    {
        var server = new NinePServer();
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server (as a crash would).</summary>
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

    /// <summary>Starts it again on the same port and export.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _root.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo("diod")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-f", "-n", "-l", Endpoint, "-e", Export, "-L", _root.Combine("diod.log"), "-c", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var error = _process.HasExited ? await _process.StandardError.ReadToEndAsync() : "";
                throw new InvalidOperationException($"diod did not start on {Endpoint}: {error}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
