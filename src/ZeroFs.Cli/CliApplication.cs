using System.CommandLine;
using System.CommandLine.Invocation;
using ZeroFs.Cli.Commands;
using ZeroFs.Cli.Logging;
using ZeroFs.Hosting;
using ZeroFs.Hosting.Configuration;

namespace ZeroFs.Cli;

/// <summary>
/// The command tree and the one place where failures become exit codes: 2 for usage and config
/// errors, 1 for runtime failures, 0 otherwise. Errors print as <c>error: …</c> on STDERR.
/// </summary>
internal static class CliApplication
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.System);

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var logLevel = new Option<string?>("--log-level")
        {
            Description = $"Log detail on STDERR: trace, debug, info (default), warn, error. Also env {LogSetup.EnvironmentVariable}.",
            Recursive = true,
            HelpName = "LEVEL",
        };
        logLevel.AcceptOnlyFromAmong(LogSetup.Levels);

        var root = new RootCommand("ZeroFS: serves an S3 bucket (or a local directory) as NFS, 9P and NBD filesystems.");
        root.Options.Add(logLevel);
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction(console);
            }
        }

        var context = new CommandContext(console, logLevel);
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(ChangePasswordCommand.Create(context));
        root.Subcommands.Add(DebugCommand.Create(context));
        root.Subcommands.Add(CompactorCommand.Create(context));
        root.Subcommands.Add(MountCommand.Create(context));
        foreach (var command in UnavailableCommand.CreateAll(context))
        {
            root.Subcommands.Add(command);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'zerofs --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // ShutdownSignal handles SIGINT/SIGTERM
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            return await FailAsync(console, ex.ExitCode, ex.Message).ConfigureAwait(false);
        }
        catch (ConfigException ex)
        {
            return await FailAsync(console, ExitCodes.Usage, ex.Message).ConfigureAwait(false);
        }
        catch (ZeroFsHostException ex)
        {
            return await FailAsync(console, ex.IsUsageError ? ExitCodes.Usage : ExitCodes.Failure, ex.Message).ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(CliConsole console, int exitCode, string message)
    {
        await console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Prints <c>zerofs &lt;version&gt;</c>.</summary>
    private sealed class VersionAction(CliConsole console) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            console.Out.WriteLine($"zerofs {VersionInfo.Version}");
            return ExitCodes.Ok;
        }
    }
}
