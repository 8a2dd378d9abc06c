using Microsoft.Extensions.Logging;

namespace ZeroFs.Nfs;

/// <summary>Source-generated log messages of the NFS server (EventIds 3000–3999).</summary>
internal static partial class NfsLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "NFS server ready: volume {VolumeId}, write verifier {Verifier:x16}, async={Async}")]
    public static partial void Started(ILogger logger, ulong volumeId, ulong verifier, bool async);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "NFS connection opened")]
    public static partial void ConnectionOpened(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "NFS connection closed")]
    public static partial void ConnectionClosed(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Closing an NFS connection: a record exceeds the {MaxRecordSize}-byte limit")]
    public static partial void RecordTooLarge(ILogger logger, int maxRecordSize);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "NFS call failed (program {Program}, procedure {Procedure})")]
    public static partial void CallFailed(ILogger logger, uint program, uint procedure, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "NFS connection transport failed")]
    public static partial void TransportFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "MOUNT {Path} by {Host}")]
    public static partial void Mounted(ILogger logger, string host, string path);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "UMNT {Path} by {Host}")]
    public static partial void Unmounted(ILogger logger, string host, string path);
}
