using Microsoft.Extensions.Logging;

namespace ZeroFs.Engine;

/// <summary>Garbage-collection log messages (EventIds 1150–1199).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1150, LogLevel.Information, "GC pass (dry run: {DryRun}): {Checkpoints} expired checkpoints, {Wal} WAL segments, {Sst} tables, {Manifests} manifests, {Bytes} bytes")]
    internal static partial void GcPass(ILogger logger, bool dryRun, int checkpoints, int wal, int sst, int manifests, long bytes);

    [LoggerMessage(1151, LogLevel.Warning, "GC pass failed; retrying at the next interval")]
    internal static partial void GcFailed(ILogger logger, Exception exception);

    [LoggerMessage(1152, LogLevel.Warning, "GC skipped the WAL: the manifest names WAL store '{WalStore}' but no such store was given")]
    internal static partial void GcWalSkipped(ILogger logger, string walStore);

    [LoggerMessage(1153, LogLevel.Warning, "GC kept every table and WAL segment: pinned manifest {ManifestId} is missing")]
    internal static partial void GcPinnedMissing(ILogger logger, ulong manifestId);

    [LoggerMessage(1154, LogLevel.Information, "GC advanced {FloorKey} to {Floor}")]
    internal static partial void GcFloorAdvanced(ILogger logger, string floorKey, ulong floor);
}
