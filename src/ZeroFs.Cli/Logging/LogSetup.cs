using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZeroFs.Cli.Logging;

/// <summary>
/// Builds the logger factory: single-line, UTC-timestamped console logs, all on STDERR, so that
/// STDOUT carries only command output.
/// </summary>
internal static class LogSetup
{
    /// <summary>The accepted <c>--log-level</c> / <c>ZEROFS_LOG</c> values.</summary>
    public static readonly string[] Levels = ["trace", "debug", "info", "warn", "error"];

    /// <summary>The environment variable that sets the level when <c>--log-level</c> is absent.</summary>
    public const string EnvironmentVariable = "ZEROFS_LOG";

    public static bool TryParse(string? text, out LogLevel level)
    {
        level = text?.Trim().ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "info" or "information" => LogLevel.Information,
            "warn" or "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }

    public static ILoggerFactory Create(LogLevel level) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(level);
        builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.IncludeScopes = false;
            options.ColorBehavior = Console.IsErrorRedirected ? LoggerColorBehavior.Disabled : LoggerColorBehavior.Default;
        });
    });
}
