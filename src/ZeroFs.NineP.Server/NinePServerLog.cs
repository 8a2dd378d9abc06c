using Microsoft.Extensions.Logging;
using ZeroFs.NineP.Protocol;

namespace ZeroFs.NineP.Server;

/// <summary>Source-generated log messages of the 9P server (event ids 4000–4999).</summary>
internal static partial class NinePServerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "9P session {Session} started")]
    public static partial void SessionStarted(ILogger logger, long session);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "9P session {Session} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, long session, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "9P session {Session} negotiated msize {MessageSize}")]
    public static partial void VersionNegotiated(ILogger logger, long session, uint messageSize);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "9P session {Session}: a frame is smaller than 7 bytes or larger than the limit {Limit}; closing the connection")]
    public static partial void FrameRejected(ILogger logger, long session, uint limit);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "9P session {Session}: malformed {Type} body (tag {Tag})")]
    public static partial void MalformedBody(ILogger logger, long session, MessageType type, ushort tag);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "9P session {Session}: unsupported message type {Type} (tag {Tag})")]
    public static partial void UnsupportedType(ILogger logger, long session, byte type, ushort tag);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "9P session {Session}: {Type} failed unexpectedly; answered EIO")]
    public static partial void RequestFailed(ILogger logger, long session, MessageType type, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "9P session {Session}: the connection failed")]
    public static partial void ConnectionFailed(ILogger logger, long session, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "9P session {Session}: tag {Tag} is already in flight; answered EPROTO")]
    public static partial void DuplicateTag(ILogger logger, long session, ushort tag);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "9P session {Session}: releasing inode {Inode} at session end failed")]
    public static partial void ReleaseFailed(ILogger logger, long session, ulong inode, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "9P session {Session}: attach as uid {Uid} gid {Gid} at inode {Root}")]
    public static partial void Attached(ILogger logger, long session, uint uid, uint gid, ulong root);
}
