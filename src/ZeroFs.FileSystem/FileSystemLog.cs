using Microsoft.Extensions.Logging;

namespace ZeroFs.FileSystem;

/// <summary>Source-generated log messages of the filesystem core (event ids 2000–2999).</summary>
internal static partial class FileSystemLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Filesystem opened (read-only: {ReadOnly}, used bytes {UsedBytes}, used inodes {UsedInodes})")]
    public static partial void Opened(ILogger logger, bool readOnly, long usedBytes, long usedInodes);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Created the filesystem root (mode {Mode}, uid {Uid}, gid {Gid})")]
    public static partial void RootCreated(ILogger logger, uint mode, uint uid, uint gid);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Reclaimed {Count} orphaned inodes left by an earlier process")]
    public static partial void OrphansReclaimed(ILogger logger, int count);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Reaper deleted {Chunks} chunks and finished {Files} deleted files")]
    public static partial void Reaped(ILogger logger, int chunks, int files);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "The chunk reaper failed; it retries on its next round")]
    public static partial void ReaperFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Reaper stopped")]
    public static partial void ReaperStopped(ILogger logger);
}
