using System.CommandLine;
using Microsoft.Extensions.Logging;
using ZeroFs.Cli.Logging;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// <c>zerofs run [-c FILE] [--read-only | --checkpoint NAME]</c>: starts the instance and blocks
/// until SIGINT or SIGTERM, then stops it and exits 0.
/// </summary>
internal static class RunCommand
{
    public const string PasswordVariable = "ZEROFS_PASSWORD";

    public static Command Create(CommandContext context)
    {
        var config = ConfigOption.Create(required: false, "Config file; without it, the built-in default (./zerofs-data, 127.0.0.1, default ports).");
        var readOnly = new Option<bool>("--read-only") { Description = "Run as a read replica that follows the writer; never writes." };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "Open the named checkpoint read-only.",
            HelpName = "NAME",
        };

        var command = new Command("run", "Start every configured server in this process (Ctrl+C or SIGTERM stops it).")
        {
            config, readOnly, checkpoint,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(readOnly) && result.GetResult(checkpoint) is not null)
            {
                result.AddError("--read-only and --checkpoint cannot be used together: a checkpoint is already read-only; give one of them");
            }
        });
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(
            context,
            parseResult,
            parseResult.GetValue(config),
            parseResult.GetValue(readOnly),
            parseResult.GetValue(checkpoint)));
        return command;
    }

    private static async Task<int> ExecuteAsync(
        CommandContext context, ParseResult parseResult, string? configPath, bool readOnly, string? checkpoint)
    {
        var console = context.Console;
        if (checkpoint is not null && string.IsNullOrWhiteSpace(checkpoint))
        {
            throw new CliException(ExitCodes.Usage, "--checkpoint needs a checkpoint NAME");
        }

        var mode = checkpoint is not null ? AccessMode.Checkpoint : readOnly ? AccessMode.ReadOnly : AccessMode.Writer;

        // Signals are hooked before anything slow, so that Ctrl+C during startup is a clean stop too.
        using var shutdown = new ShutdownSignal();
        using var loggerFactory = context.CreateLoggerFactory(parseResult);
        var logger = loggerFactory.CreateLogger("ZeroFs.Cli");
        CliLog.Starting(logger, VersionInfo.Version, mode.ToString());

        var options = configPath is null ? EmbeddedOptions(console, logger) : ConfigLoader.LoadFile(configPath, console.Environment);

        var host = new ZeroFsHost(options, mode, checkpoint, loggerFactory);
        await using var hostScope = host.ConfigureAwait(false);
        try
        {
            await host.StartAsync(shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            CliLog.StartupCancelled(logger);
            return ExitCodes.Ok;
        }

        await PrintStatusAsync(console, host).ConfigureAwait(false);
        await shutdown.WaitAsync().ConfigureAwait(false);
        CliLog.SignalReceived(logger, shutdown.SignalName ?? "signal");
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        CliLog.ShutDown(logger);
        return ExitCodes.Ok;
    }

    private static ZeroFsOptions EmbeddedOptions(CliConsole console, ILogger logger)
    {
        var password = console.Environment(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (!console.IsInteractive)
            {
                throw new CliException(
                    ExitCodes.Usage,
                    $"no encryption password for the built-in default config: set {PasswordVariable} or run on a terminal "
                    + "(or pass -c FILE; `zerofs init` writes one)");
            }

            password = PasswordPrompt.Read(console, "Encryption password for ./zerofs-data: ");
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException(ExitCodes.Usage, $"no password given; type one, or set {PasswordVariable}");
            }
        }

        CliLog.EmbeddedDefault(logger, EmbeddedConfig.DataDirectory, EmbeddedConfig.CacheDirectory);
        return EmbeddedConfig.Create(password);
    }

    private static async Task PrintStatusAsync(CliConsole console, ZeroFsHost host)
    {
        var output = console.Out;
        var source = host.Options.SourcePath ?? EmbeddedConfig.DisplayName;
        await output.WriteLineAsync(
            $"zerofs {VersionInfo.Version} is running ({ModeText(host)}, store {host.Options.Storage.Url}, config: {source}).").ConfigureAwait(false);
        await output.WriteLineAsync("Serving:").ConfigureAwait(false);
        foreach (var listener in host.ServedListeners)
        {
            await output.WriteLineAsync($"  {listener}").ConfigureAwait(false);
        }

        if (host.UnservedProtocols.Count > 0)
        {
            await output.WriteLineAsync(
                $"Configured but not part of this build yet (nothing listens for them): {string.Join(", ", host.UnservedProtocols)}").ConfigureAwait(false);
        }

        var served = host.ServedListeners.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var hints = MountHints.For(host.Options.Servers, host.TcpEndpoints, served);
        if (hints.Count > 0)
        {
            await output.WriteLineAsync("Mount with:").ConfigureAwait(false);
            foreach (var hint in hints)
            {
                await output.WriteLineAsync($"  {hint}").ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync("Press Ctrl+C (or send SIGTERM) to stop.").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    private static string ModeText(ZeroFsHost host) => host.Mode switch
    {
        AccessMode.Writer => "writer",
        AccessMode.ReadOnly => "read-only replica",
        AccessMode.Inspect => "read-only inspection",
        _ => $"read-only checkpoint '{host.CheckpointName}'",
    };
}
