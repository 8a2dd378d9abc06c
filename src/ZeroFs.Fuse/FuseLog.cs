using Microsoft.Extensions.Logging;

namespace ZeroFs.Fuse;

/// <summary>Source-generated log messages of the FUSE client (event ids 6000–6999).</summary>
internal static partial class FuseLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Connected to {Endpoint} (msize {MessageSize})")]
    public static partial void Connected(ILogger logger, string endpoint, uint messageSize);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Lost the connection to {Endpoint}; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, Exception? exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Reconnect attempt {Attempt} to {Endpoint} failed: {Reason}; next in {DelayMs} ms")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string endpoint, string reason, long delayMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Reconnected to {Endpoint} after {Attempts} attempt(s) (connection #{Generation})")]
    public static partial void Reconnected(ILogger logger, string endpoint, int attempts, int generation);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Mounted {Endpoint} at {MountPoint}")]
    public static partial void Mounted(ILogger logger, string endpoint, string mountPoint);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Unmounted {MountPoint}")]
    public static partial void Unmounted(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "FUSE worker stopped on error {Errno} from /dev/fuse")]
    public static partial void WorkerFailed(ILogger logger, int errno);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "{Operation} failed unexpectedly; answered EIO")]
    public static partial void OperationFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Debug, Message = "Attached uid {Uid} on connection #{Generation}")]
    public static partial void Attached(ILogger logger, uint uid, int generation);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Reopened file handle {Handle} by path after reconnect")]
    public static partial void Reopened(ILogger logger, ulong handle);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "fsync of handle {Handle}: writes acknowledged before reconnect #{Generation} may not be durable; answered EIO")]
    public static partial void UnsyncedWritesLost(ILogger logger, ulong handle, int generation);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "{Operation} was in flight when the connection dropped and cannot be replayed; answered EIO")]
    public static partial void NotReplayable(ILogger logger, string operation);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Unmounting {MountPoint}")]
    public static partial void Unmounting(ILogger logger, string mountPoint);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning, Message = "Unmounting {MountPoint} failed: {Reason}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, string reason);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Debug, Message = "FUSE init: protocol {Major}.{Minor}, max_write {MaxWrite}, capable 0x{Capable:x}, want 0x{Want:x}")]
    public static partial void Initialized(ILogger logger, uint major, uint minor, uint maxWrite, uint capable, uint want);
}
