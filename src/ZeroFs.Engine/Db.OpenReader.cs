using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Engine.Readers;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>Opening a read-only database (ENGINE.md §9 "Readers").</summary>
public sealed partial class Db
{
    /// <summary>
    /// Opens a read-only database over the tree rooted at <paramref name="main"/>: pinned to a
    /// checkpoint (identical results forever) or following the writer (converges to its durable
    /// state within the poll interval plus the WAL flush interval). Never runs the store
    /// self-test, never writes data and never fences the writer; a follower's only writes are its
    /// lease checkpoint in the manifest.
    /// </summary>
    /// <param name="main">The bucket root.</param>
    /// <param name="wal">The separate WAL store (needs <see cref="ReaderOptions.WalStoreTag"/>), or null for the main store.</param>
    /// <param name="key">The data key; the caller keeps ownership.</param>
    /// <param name="options">Mode and settings (validated here).</param>
    /// <param name="time">The clock of polls and lease expiry.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="KeyNotFoundException">The pinned checkpoint does not exist or has expired.</exception>
    /// <exception cref="InvalidOperationException">No tree exists in the store, or the WAL store tag does not match.</exception>
    public static Task<DbReader> OpenReaderAsync(
        IObjectStore main,
        IObjectStore? wal,
        DataKey key,
        ReaderOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default) =>
        DbReader.OpenAsync(main, wal, key, options, time, loggerFactory, cancellationToken);
}
