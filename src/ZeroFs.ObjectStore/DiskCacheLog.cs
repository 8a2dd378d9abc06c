using Microsoft.Extensions.Logging;

namespace ZeroFs.ObjectStore;

/// <summary>Source-generated log messages of the disk range cache (ObjectStore EventIds 500–599).</summary>
internal static partial class DiskCacheLog
{
    [LoggerMessage(500, LogLevel.Information, "Disk cache {Path}: {Parts} parts, {Bytes} of {Budget} bytes after the start-up scan")]
    internal static partial void Scanned(ILogger logger, string path, int parts, long bytes, long budget);

    [LoggerMessage(501, LogLevel.Warning, "Disk cache part {Path} failed its checksum; evicted and refetched")]
    internal static partial void CorruptPart(ILogger logger, string path);

    [LoggerMessage(502, LogLevel.Warning, "Disk cache could not write part {Path}; serving from the store")]
    internal static partial void WriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(503, LogLevel.Warning, "Disk cache could not read part {Path}; serving from the store")]
    internal static partial void ReadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(504, LogLevel.Debug, "Disk cache evicted {Parts} parts ({Bytes} bytes)")]
    internal static partial void Evicted(ILogger logger, int parts, long bytes);

    [LoggerMessage(505, LogLevel.Warning, "Disk cache could not delete {Path}")]
    internal static partial void DeleteFailed(ILogger logger, string path, Exception exception);
}
