using System.CommandLine;
using ZeroFs.Cli.Logging;
using ZeroFs.Fuse;
using ZeroFs.NineP.Client;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// <c>zerofs mount TARGET MOUNTPOINT [--read-only] [-f] [--writeback]</c>: the FUSE client over 9P.
/// Without <c>-f</c> it daemonizes once the mount is live, without fork: it starts itself again with
/// <c>-f</c> and an inherited pipe, the child reports "mounted" (or exits with its error), and the
/// parent exits with the child's verdict. SIGINT/SIGTERM and <c>fusermount3 -u</c> unmount cleanly.
/// </summary>
internal static class MountCommand
{
    /// <summary>What the child writes on the notify pipe once the mount is live.</summary>
    public const string MountedMessage = "mounted";

    /// <summary>The runtime's switch (read once, when the first socket operation starts) for running socket completions on the event thread.</summary>
    private const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static Command Create(CommandContext context)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "The 9P server: host, host:port (default port 5564), unix:/path, or the path of a socket file.",
        };
        var mountPoint = new Argument<string>("MOUNTPOINT") { Description = "The directory to mount on." };
        var readOnly = new Option<bool>("--read-only") { Description = "Mount read-only." };
        var foreground = new Option<bool>("--foreground", "-f") { Description = "Stay in the foreground (default: detach once mounted)." };
        var writeback = new Option<bool>("--writeback") { Description = "Let the kernel buffer writes (FUSE writeback cache); fsync still reaches the server." };
        var attachName = new Option<string>("--aname")
        {
            Description = "9P attach name, for servers that export several trees (ZeroFS serves one).",
            HelpName = "NAME",
            DefaultValueFactory = _ => "",
        };
        var logFile = new Option<string?>("--log-file")
        {
            Description = "When detached, append logs to this file (default: discarded).",
            HelpName = "FILE",
        };
        var notify = new Option<string?>("--notify-pipe") { Hidden = true };

        var command = new Command("mount", "Mount a ZeroFS 9P server with FUSE (no root needed).")
        {
            target, mountPoint, readOnly, foreground, writeback, attachName, logFile, notify,
        };
        command.SetAction((parseResult, _) =>
        {
            UseInlineSocketCompletions();
            var request = new MountRequest(
                parseResult.GetValue(target)!,
                parseResult.GetValue(mountPoint)!,
                parseResult.GetValue(readOnly),
                parseResult.GetValue(foreground),
                parseResult.GetValue(writeback),
                parseResult.GetValue(attachName) ?? "",
                parseResult.GetValue(logFile),
                parseResult.GetValue(notify));
            return request.Foreground || request.NotifyPipe is not null
                ? RunAsync(context, parseResult, request)
                : MountDaemon.StartAsync(context, parseResult, request);
        });
        return command;
    }

    /// <summary>TARGET as a 9P endpoint: a path (or an existing file) is a Unix socket, anything else host[:port].</summary>
    /// <exception cref="CliException">TARGET cannot be parsed (exit 2).</exception>
    public static string ToEndpoint(string target)
    {
        var endpoint = target.StartsWith('/') || target.StartsWith("./", StringComparison.Ordinal) || target.StartsWith("../", StringComparison.Ordinal)
                       || (!target.StartsWith("unix:", StringComparison.Ordinal) && File.Exists(target))
            ? "unix:" + Path.GetFullPath(target)
            : target;
        try
        {
            _ = NinePEndpoint.Parse(endpoint);
        }
        catch (FormatException ex)
        {
            throw new CliException(ExitCodes.Usage, $"TARGET '{target}' is not host, host:port, unix:/path or a socket path ({ex.Message})");
        }

        return endpoint;
    }

    private static async Task<int> RunAsync(CommandContext context, ParseResult parseResult, MountRequest request)
    {
        var endpoint = ToEndpoint(request.Target);
        if (request.NotifyPipe is not null && request.LogFile is { } logFile)
        {
            // The detached child logs to the file from the start (the console logger keeps the writer it starts with).
            MountDaemon.LogTo(logFile);
        }

        using var shutdown = new ShutdownSignal();
        using var loggerFactory = context.CreateLoggerFactory(parseResult);
        var logger = loggerFactory.CreateLogger("ZeroFs.Cli");
        CliLog.Starting(logger, VersionInfo.Version, "mount");

        var options = new FuseMountOptions
        {
            Endpoint = endpoint,
            MountPoint = request.MountPoint,
            AttachName = request.AttachName,
            ReadOnly = request.ReadOnly,
            WritebackCache = request.Writeback,
        };

        FuseMount mount;
        try
        {
            mount = await FuseMount.MountAsync(options, loggerFactory, cancellationToken: shutdown.Token).ConfigureAwait(false);
        }
        catch (FuseMountException ex)
        {
            throw new CliException(ExitCodes.Failure, ex.Message);
        }
        catch (PlatformNotSupportedException ex)
        {
            throw new CliException(ExitCodes.Failure, ex.Message);
        }
        catch (DllNotFoundException ex)
        {
            throw new CliException(ExitCodes.Failure, $"libfuse3 is not installed (Debian: apt-get install fuse3 libfuse3-3): {ex.Message}");
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            CliLog.StartupCancelled(logger);
            return ExitCodes.Ok;
        }

        await using var mountScope = mount.ConfigureAwait(false);
        CliLog.Mounted(logger, endpoint, mount.MountPoint);
        if (request.NotifyPipe is { } pipe)
        {
            await MountDaemon.ReportMountedAsync(pipe).ConfigureAwait(false);
        }
        else
        {
            await context.Console.Out.WriteLineAsync(
                $"Mounted {endpoint} at {mount.MountPoint}. Ctrl+C, SIGTERM or `fusermount3 -u {mount.MountPoint}` unmounts.").ConfigureAwait(false);
        }

        var finished = await Task.WhenAny(shutdown.WaitAsync(), mount.Completion).ConfigureAwait(false);
        if (finished == mount.Completion)
        {
            CliLog.UnmountedExternally(logger, mount.MountPoint);
        }
        else
        {
            CliLog.SignalReceived(logger, shutdown.SignalName ?? "signal");
            await mount.UnmountAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The parsed command line.</summary>
    internal sealed record MountRequest(
        string Target, string MountPoint, bool ReadOnly, bool Foreground, bool Writeback, string AttachName, string? LogFile, string? NotifyPipe);

    /// <summary>
    /// The mount process's only sockets are its 9P connections, whose read loop completes each reply's
    /// FUSE request inline (<see cref="NinePClientOptions.InlineContinuations"/>), and nothing on them
    /// blocks. Running socket completions on the event thread then takes a thread-pool hop off every
    /// request, which is a large share of a loopback round trip. A value set by the user is kept.
    /// </summary>
    private static void UseInlineSocketCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }
}
