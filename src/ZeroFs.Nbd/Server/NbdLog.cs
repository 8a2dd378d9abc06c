using Microsoft.Extensions.Logging;

namespace ZeroFs.Nbd.Server;

/// <summary>Source-generated log messages of the NBD server (event ids 5000–5999).</summary>
internal static partial class NbdLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Created the NBD export directory /{Directory} (mode 0755, owner root)")]
    public static partial void ExportDirectoryCreated(ILogger logger, string directory);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "The filesystem is read-only; the NBD export directory /{Directory} is not created")]
    public static partial void ExportDirectorySkipped(ILogger logger, string directory);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "NBD session {Session} started")]
    public static partial void SessionStarted(ILogger logger, long session);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "NBD session {Session} ended")]
    public static partial void SessionEnded(ILogger logger, long session);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "NBD session {Session} closed: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, long session, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "NBD session {Session} entered transmission on export {Export} ({Size} bytes, flags {Flags})")]
    public static partial void TransmissionStarted(ILogger logger, long session, string export, long size, ushort flags);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "NBD session {Session} asked for unknown export {Export}")]
    public static partial void UnknownExport(ILogger logger, long session, string export);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "NBD session {Session}: {Command} at {Offset} length {Length} failed; replied EIO")]
    public static partial void RequestFailed(ILogger logger, long session, string command, ulong offset, uint length, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Debug, Message = "NBD session {Session}: the transport failed")]
    public static partial void TransportFailed(ILogger logger, long session, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Error, Message = "NBD session {Session} failed unexpectedly")]
    public static partial void SessionFailed(ILogger logger, long session, Exception exception);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "NBD session {Session} disconnected in the middle of a request")]
    public static partial void DisconnectedMidRequest(ILogger logger, long session);
}
