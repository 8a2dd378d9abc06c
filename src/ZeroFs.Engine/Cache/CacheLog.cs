using Microsoft.Extensions.Logging;

namespace ZeroFs.Engine.Cache;

/// <summary>Source-generated log messages of the memory caches (engine EventIds 1300–1399).</summary>
internal static partial class CacheLog
{
    [LoggerMessage(1300, LogLevel.Information, "Memory caches: {BlockBytes} bytes of blocks, {MetadataBytes} bytes of table metadata, read-ahead {ReadAheadBytes} bytes")]
    internal static partial void Created(ILogger logger, long blockBytes, long metadataBytes, int readAheadBytes);

    [LoggerMessage(1301, LogLevel.Debug, "Table reader {TableId} evicted from the table cache ({Bytes} metadata bytes)")]
    internal static partial void TableEvicted(ILogger logger, Ulid tableId, long bytes);

    [LoggerMessage(1302, LogLevel.Debug, "Opening table {TableId} failed")]
    internal static partial void TableOpenFailed(ILogger logger, Ulid tableId, Exception exception);
}
