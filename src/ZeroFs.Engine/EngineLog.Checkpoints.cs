using Microsoft.Extensions.Logging;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Readers;

namespace ZeroFs.Engine;

/// <summary>Log messages of checkpoints and readers (EventIds 1200–1299).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1200, LogLevel.Information, "Created checkpoint {CheckpointId} '{Name}' pinning manifest {ManifestId} (scope {Scope})")]
    internal static partial void CheckpointCreated(ILogger logger, Guid checkpointId, string? name, ulong manifestId, CheckpointScope scope);

    [LoggerMessage(1201, LogLevel.Debug, "Refreshed checkpoint {CheckpointId} (expires {Expires})")]
    internal static partial void CheckpointRefreshed(ILogger logger, Guid checkpointId, DateTimeOffset? expires);

    [LoggerMessage(1202, LogLevel.Information, "Deleted checkpoint {CheckpointId}")]
    internal static partial void CheckpointDeleted(ILogger logger, Guid checkpointId);

    [LoggerMessage(1210, LogLevel.Information, "Reader opened ({Mode}) on manifest {ManifestId} at seq {Seq}")]
    internal static partial void ReaderOpened(ILogger logger, ReaderMode mode, ulong manifestId, ulong seq);

    [LoggerMessage(1211, LogLevel.Debug, "Reader moved to manifest {ManifestId} (lastL0Seq {LastL0Seq}, next WAL {NextWalId})")]
    internal static partial void ReaderSwitched(ILogger logger, ulong manifestId, ulong lastL0Seq, ulong nextWalId);

    [LoggerMessage(1212, LogLevel.Debug, "Reader replayed {Segments} WAL segments; visible seq {Seq}")]
    internal static partial void ReaderReplayed(ILogger logger, int segments, ulong seq);

    [LoggerMessage(1213, LogLevel.Warning, "Reader poll failed; retrying at the next interval")]
    internal static partial void ReaderPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(1214, LogLevel.Warning, "Reader checkpoint {CheckpointId} was gone (expired and collected?); re-created it")]
    internal static partial void ReaderLeaseLost(ILogger logger, Guid checkpointId);

    [LoggerMessage(1215, LogLevel.Information, "Reader closed at seq {Seq}")]
    internal static partial void ReaderClosed(ILogger logger, ulong seq);

    [LoggerMessage(1216, LogLevel.Warning, "Pinned WAL range of manifest {ManifestId} ends early: segment {SegmentId} is missing (hint {Hint})")]
    internal static partial void PinnedRangeShort(ILogger logger, ulong manifestId, ulong segmentId, ulong hint);

    [LoggerMessage(1217, LogLevel.Warning, "Removing the reader checkpoint {CheckpointId} at close failed; it expires on its own")]
    internal static partial void ReaderLeaseReleaseFailed(ILogger logger, Guid checkpointId, Exception exception);
}
