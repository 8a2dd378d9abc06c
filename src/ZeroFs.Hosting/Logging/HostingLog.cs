using Microsoft.Extensions.Logging;

namespace ZeroFs.Hosting.Logging;

/// <summary>Source-generated log messages of ZeroFs.Hosting (event ids 8000–8999).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Opening {Mode} on store {Store} (config: {Config})")]
    public static partial void Opening(ILogger logger, string mode, string store, string config);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Conditional-write self-test passed on {Store}")]
    public static partial void SelfTestPassed(ILogger logger, string store);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "Data key unlocked from {Store} in {ElapsedMs} ms")]
    public static partial void KeyUnlocked(ILogger logger, string store, long elapsedMs);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning,
        Message = "This build does not serve these configured servers yet: {Servers}")]
    public static partial void ServersNotAvailable(ILogger logger, string servers);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information,
        Message = "Opened the {Mode} on {Store} at manifest {ManifestId}, sequence {LastSeq}")]
    public static partial void ReaderOpened(ILogger logger, string mode, string store, long manifestId, long lastSeq);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Information, Message = "Stopping")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 8007, Level = LogLevel.Information, Message = "Using a separate WAL store {Store}")]
    public static partial void SeparateWalStore(ILogger logger, string store);

    [LoggerMessage(EventId = 8008, Level = LogLevel.Information, Message = "Password changed for the key file in {Store}")]
    public static partial void PasswordChanged(ILogger logger, string store);

    [LoggerMessage(EventId = 8009, Level = LogLevel.Error, Message = "Closing a store failed")]
    public static partial void StoreCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8010, Level = LogLevel.Information,
        Message = "Storage engine open on {Store}: writer epoch {Epoch}, last sequence {LastSeq}")]
    public static partial void EngineOpened(ILogger logger, string store, long epoch, long lastSeq);

    [LoggerMessage(EventId = 8011, Level = LogLevel.Error, Message = "Closing the storage engine failed")]
    public static partial void EngineCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8012, Level = LogLevel.Information,
        Message = "Standalone compactor running on {Store} with compactor epoch {Epoch}")]
    public static partial void CompactorStarted(ILogger logger, string store, long epoch);

    [LoggerMessage(EventId = 8013, Level = LogLevel.Information, Message = "Serving {Listeners}")]
    public static partial void Serving(ILogger logger, string listeners);
}
