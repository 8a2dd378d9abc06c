using Microsoft.Extensions.Logging;

namespace ZeroFs.Engine;

/// <summary>Compaction log messages (EventIds 1100–1149).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1100, LogLevel.Information, "Compactor epoch {Epoch} claimed with manifest {ManifestId} (standalone: {Standalone})")]
    internal static partial void CompactorClaimed(ILogger logger, ulong epoch, ulong manifestId, bool standalone);

    [LoggerMessage(1101, LogLevel.Information, "Compaction started: {L0Count} L0 tables and runs [{Runs}] into run {OutputRun} ({Bytes} bytes, drop tombstones: {Bottom})")]
    internal static partial void CompactionStarted(ILogger logger, int l0Count, string runs, uint outputRun, ulong bytes, bool bottom);

    [LoggerMessage(1102, LogLevel.Information, "Compaction committed in manifest {ManifestId}: run {OutputRun} with {Tables} tables ({Bytes} bytes)")]
    internal static partial void CompactionCommitted(ILogger logger, ulong manifestId, uint outputRun, int tables, long bytes);

    [LoggerMessage(1103, LogLevel.Warning, "Compactor fenced: {Message}")]
    internal static partial void CompactorFenced(ILogger logger, string message);

    [LoggerMessage(1104, LogLevel.Error, "Compaction job failed; its sources stay in place and it will be picked again")]
    internal static partial void CompactionFailed(ILogger logger, Exception exception);

    [LoggerMessage(1105, LogLevel.Warning, "Not starting the embedded compactor: a standalone compactor (epoch {Epoch}) was alive at {Heartbeat:o}")]
    internal static partial void StandaloneCompactorActive(ILogger logger, ulong epoch, DateTimeOffset heartbeat);

    [LoggerMessage(1106, LogLevel.Warning, "Compactor poll failed; retrying at the next interval")]
    internal static partial void CompactorPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(1107, LogLevel.Information, "Compactor stopped (epoch {Epoch})")]
    internal static partial void CompactorStopped(ILogger logger, ulong epoch);
}
