using System.CommandLine;
using ZeroFs.Cli.Logging;
using ZeroFs.Engine;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli.Commands;

/// <summary>
/// <c>zerofs compactor -c FILE</c>: compaction and GC for the bucket as a process of its own. The
/// writer runs with <c>[lsm] compactor = "external"</c>; the two coordinate only through the
/// bucket's manifest (compactor epoch). Runs until SIGINT/SIGTERM (exit 0) or until a newer
/// compactor takes over (exit 1).
/// </summary>
internal static class CompactorCommand
{
    public static Command Create(CommandContext context)
    {
        var config = ConfigOption.Create(required: true, "Config file of the bucket to compact.");
        var command = new Command("compactor", "Run compaction and GC as a standalone process for the bucket.") { config };
        command.SetAction((parseResult, _) => ExecuteAsync(context, parseResult, parseResult.GetValue(config)!));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandContext context, ParseResult parseResult, string configPath)
    {
        using var shutdown = new ShutdownSignal();
        using var loggerFactory = context.CreateLoggerFactory(parseResult);
        var logger = loggerFactory.CreateLogger("ZeroFs.Cli");
        CliLog.Starting(logger, VersionInfo.Version, "compactor");
        var options = ConfigLoader.LoadFile(configPath, context.Console.Environment);

        var host = new ZeroFsHost(options, AccessMode.Compactor, null, loggerFactory);
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

        await context.Console.Out.WriteLineAsync($"zerofs compactor is running on {options.Storage.Url}. Press Ctrl+C (or send SIGTERM) to stop.")
            .ConfigureAwait(false);
        var finished = await Task.WhenAny(shutdown.WaitAsync(), host.Completion).ConfigureAwait(false);
        if (finished == host.Completion && host.Completion.IsFaulted)
        {
            var reason = host.Completion.Exception!.InnerException!;
            var message = reason is FencedException
                ? $"a newer compactor took over {options.Storage.Url}; this one stopped ({reason.Message})"
                : $"the compactor stopped: {reason.Message}";
            throw new CliException(ExitCodes.Failure, message);
        }

        if (finished != host.Completion)
        {
            CliLog.SignalReceived(logger, shutdown.SignalName ?? "signal");
        }

        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        CliLog.ShutDown(logger);
        return ExitCodes.Ok;
    }
}
