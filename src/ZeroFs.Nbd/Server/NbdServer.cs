using System.IO.Pipelines;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.FileSystem;
using ZeroFs.Nbd.Protocol;

namespace ZeroFs.Nbd.Server;

/// <summary>
/// The NBD server: fixed-newstyle negotiation and transmission over any duplex pipe (a Kestrel TCP or
/// Unix-socket connection through <see cref="NbdConnectionHandler"/>, or an in-memory pipe pair in
/// tests). The exports are the regular files directly in the export directory of the filesystem,
/// resolved at every negotiation, so files created, resized or removed through other protocols show
/// up for the next connection. All I/O runs with root credentials on the export file.
/// </summary>
public sealed class NbdServer
{
    private const TransmissionFlags CommonFlags =
        TransmissionFlags.HasFlags | TransmissionFlags.SendFlush | TransmissionFlags.SendFua | TransmissionFlags.SendCache |

        // FLUSH is the filesystem-wide barrier (SyncAsync: every file's coalesced writes, then the engine's
        // durability wait) and FUA waits for the same global sequence, so a flush on any connection covers
        // the completed writes of every connection, and all connections read the same state.
        TransmissionFlags.CanMultiConn;

    private const TransmissionFlags WritableFlags =
        CommonFlags | TransmissionFlags.SendTrim | TransmissionFlags.SendWriteZeroes | TransmissionFlags.SendFastZero;

    private const TransmissionFlags ReadOnlyFlags = CommonFlags | TransmissionFlags.ReadOnly;

    private readonly PosixFileSystem _fs;
    private readonly NbdServerOptions _options;
    private readonly ILogger _logger;
    private readonly byte[] _exportDirectoryName;
    private long _sessionIds;

    /// <summary>Creates a server over <paramref name="fs"/>; validates <paramref name="options"/>.</summary>
    /// <param name="fs">The filesystem whose export directory holds the exports.</param>
    /// <param name="options">Limits and block sizes.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    public NbdServer(PosixFileSystem fs, NbdServerOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _fs = fs;
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ZeroFs.Nbd");
        _exportDirectoryName = Encoding.UTF8.GetBytes(options.ExportDirectory);
    }

    /// <summary>The options this server runs with.</summary>
    public NbdServerOptions Options => _options;

    internal PosixFileSystem FileSystem => _fs;

    internal ILogger Logger => _logger;

    internal TransmissionFlags ExportFlags => _fs.IsReadOnly ? ReadOnlyFlags : WritableFlags;

    /// <summary>
    /// Creates the export directory under the root (mode 0755, owned by root) unless it exists. The host
    /// calls this at startup on a writable filesystem; on a read-only one it does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The name exists but is not a directory, or the directory cannot be created.</exception>
    public async Task EnsureExportDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_fs.IsReadOnly)
        {
            NbdLog.ExportDirectorySkipped(_logger, _options.ExportDirectory);
            return;
        }

        var found = await _fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, _exportDirectoryName, cancellationToken).ConfigureAwait(false);
        if (found.Status == FsStatus.NotFound)
        {
            var made = await _fs.MakeDirectoryAsync(Credentials.Root, PosixFileSystem.RootId, _exportDirectoryName, 0x1ED, cancellationToken).ConfigureAwait(false);
            if (made.IsOk)
            {
                NbdLog.ExportDirectoryCreated(_logger, _options.ExportDirectory);
                return;
            }

            if (made.Status != FsStatus.Exists)
            {
                throw new InvalidOperationException($"Cannot create the NBD export directory /{_options.ExportDirectory}: {made.Status}.");
            }

            found = await _fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, _exportDirectoryName, cancellationToken).ConfigureAwait(false);
        }

        if (!found.IsOk || found.Value.Type != FileType.Directory)
        {
            throw new InvalidOperationException($"/{_options.ExportDirectory} must be a directory for the NBD exports ({(found.IsOk ? found.Value.Type.ToString() : found.Status.ToString())}).");
        }
    }

    /// <summary>
    /// Serves one client connection until it disconnects, breaks the protocol or
    /// <paramref name="cancellationToken"/> fires; completes both halves of <paramref name="transport"/>.
    /// Never throws for anything the client does.
    /// </summary>
    public Task RunSessionAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var session = new NbdSession(this, transport, Interlocked.Increment(ref _sessionIds), cancellationToken);
        return session.RunAsync();
    }

    /// <summary>
    /// Resolves <paramref name="name"/> to a regular file in the export directory, taking its size now.
    /// Null when there is no such file (also for names a lookup rejects: empty, "/", NUL, too long).
    /// </summary>
    internal async ValueTask<NbdExport?> ResolveExportAsync(byte[] name, CancellationToken cancellationToken)
    {
        var directory = await _fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, _exportDirectoryName, cancellationToken).ConfigureAwait(false);
        if (!directory.IsOk || directory.Value.Type != FileType.Directory)
        {
            return null;
        }

        var file = await _fs.LookupAsync(Credentials.Root, directory.Value.Id, name, cancellationToken).ConfigureAwait(false);
        if (!file.IsOk || file.Value.Type != FileType.Regular)
        {
            return null;
        }

        return new NbdExport(file.Value.Id, name, file.Value.Size, ExportFlags);
    }

    /// <summary>The names of the regular files in the export directory, in directory order.</summary>
    internal async Task<List<byte[]>> ListExportsAsync(CancellationToken cancellationToken)
    {
        var names = new List<byte[]>();
        var directory = await _fs.LookupAsync(Credentials.Root, PosixFileSystem.RootId, _exportDirectoryName, cancellationToken).ConfigureAwait(false);
        if (!directory.IsOk || directory.Value.Type != FileType.Directory)
        {
            return names;
        }

        ulong cookie = 0;
        while (true)
        {
            var page = await _fs.ReadDirectoryAsync(Credentials.Root, directory.Value.Id, cookie, 1000, false, cancellationToken).ConfigureAwait(false);
            if (!page.IsOk)
            {
                return names;
            }

            foreach (var entry in page.Value.Entries)
            {
                cookie = entry.Cookie;
                if (entry.Type == FileType.Regular)
                {
                    names.Add(entry.Name);
                }
            }

            if (page.Value.EndOfDirectory || page.Value.Entries.Count == 0)
            {
                return names;
            }
        }
    }
}
