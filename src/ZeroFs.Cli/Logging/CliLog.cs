using Microsoft.Extensions.Logging;

namespace ZeroFs.Cli.Logging;

/// <summary>Source-generated log messages of the zerofs command (event ids 9000–9999).</summary>
internal static partial class CliLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "zerofs {Version} starting ({Command})")]
    public static partial void Starting(ILogger logger, string version, string command);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Received {Signal}; shutting down")]
    public static partial void SignalReceived(ILogger logger, string signal);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Shut down cleanly")]
    public static partial void ShutDown(ILogger logger);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Using the built-in default config (no -c): store {Store}, cache {Cache}")]
    public static partial void EmbeddedDefault(ILogger logger, string store, string cache);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "Unexpected failure")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Startup cancelled by a signal")]
    public static partial void StartupCancelled(ILogger logger);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "Mounted {Target} at {MountPoint}")]
    public static partial void Mounted(ILogger logger, string target, string mountPoint);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Information, Message = "{MountPoint} was unmounted from outside; exiting")]
    public static partial void UnmountedExternally(ILogger logger, string mountPoint);
}
