using Microsoft.Extensions.Logging;

namespace ZeroFs.Engine;

/// <summary>Source-generated log messages of the engine (EventIds 1000–1999, STYLE.md §4.9).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Created manifest 1 in an empty root (WAL store '{WalStore}')")]
    internal static partial void CreatedRoot(ILogger logger, string walStore);

    [LoggerMessage(1001, LogLevel.Information, "Writer epoch {Epoch} claimed with manifest {ManifestId}")]
    internal static partial void EpochClaimed(ILogger logger, ulong epoch, ulong manifestId);

    [LoggerMessage(1002, LogLevel.Information, "Fenced WAL at segment {FenceId}; replaying segments {From}..{To}")]
    internal static partial void WalFenced(ILogger logger, ulong fenceId, ulong from, ulong to);

    [LoggerMessage(1003, LogLevel.Information, "Replayed {Batches} WAL batches; next seq {NextSeq}")]
    internal static partial void Replayed(ILogger logger, long batches, ulong nextSeq);

    [LoggerMessage(1004, LogLevel.Warning, "Writer fenced: {Message}")]
    internal static partial void Fenced(ILogger logger, string message);

    [LoggerMessage(1005, LogLevel.Error, "Writer stopped after a fatal error")]
    internal static partial void Fatal(ILogger logger, Exception exception);

    [LoggerMessage(1006, LogLevel.Debug, "Froze memtable {TableId} ({Bytes} bytes, seq {MinSeq}..{MaxSeq}, replayAfter {ReplayAfter})")]
    internal static partial void Frozen(ILogger logger, Ulid tableId, long bytes, ulong minSeq, ulong maxSeq, ulong replayAfter);

    [LoggerMessage(1007, LogLevel.Debug, "Published L0 {TableId} in manifest {ManifestId} (lastL0Seq {LastL0Seq})")]
    internal static partial void Published(ILogger logger, Ulid tableId, ulong manifestId, ulong lastL0Seq);

    [LoggerMessage(1008, LogLevel.Warning, "L0 publishing stalled: {Count} L0 tables ≥ limit {Limit}")]
    internal static partial void L0Stall(ILogger logger, int count, int limit);

    [LoggerMessage(1009, LogLevel.Information, "Writer closed (last seq {LastSeq})")]
    internal static partial void Closed(ILogger logger, ulong lastSeq);

    [LoggerMessage(1010, LogLevel.Warning, "Manifest poll failed; retrying at the next interval")]
    internal static partial void PollFailed(ILogger logger, Exception exception);
}
