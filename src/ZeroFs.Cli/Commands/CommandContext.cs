using System.CommandLine;
using Microsoft.Extensions.Logging;
using ZeroFs.Cli.Logging;

namespace ZeroFs.Cli.Commands;

/// <summary>What every command needs: the console and the global options.</summary>
/// <param name="Console">Streams and environment.</param>
/// <param name="LogLevelOption">The global <c>--log-level</c>.</param>
internal sealed record CommandContext(CliConsole Console, Option<string?> LogLevelOption)
{
    /// <summary>The logger factory for a command: <c>--log-level</c>, else <c>ZEROFS_LOG</c>, else info.</summary>
    /// <exception cref="CliException"><c>ZEROFS_LOG</c> holds something else (exit 2).</exception>
    public ILoggerFactory CreateLoggerFactory(ParseResult parseResult)
    {
        var text = parseResult.GetValue(LogLevelOption);
        var source = "--log-level";
        if (text is null)
        {
            text = Console.Environment(LogSetup.EnvironmentVariable);
            source = LogSetup.EnvironmentVariable;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return LogSetup.Create(LogLevel.Information);
        }

        return LogSetup.TryParse(text, out var level)
            ? LogSetup.Create(level)
            : throw new CliException(ExitCodes.Usage, $"{source}={text} is not a log level; use one of {string.Join(", ", LogSetup.Levels)}");
    }
}
