using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Engine;
using ZeroFs.FileSystem.Accounting;
using ZeroFs.FileSystem.Data;
using ZeroFs.FileSystem.Inodes;
using ZeroFs.FileSystem.Keys;
using ZeroFs.FileSystem.Locks;
using ZeroFs.FileSystem.Storage;

namespace ZeroFs.FileSystem;

/// <summary>
/// The POSIX filesystem core over the engine (FILESYSTEM.md). Every operation takes the caller's
/// <see cref="Credentials"/>, checks permissions itself and returns an <see cref="FsStatus"/>;
/// every mutation is one atomic engine batch under per-inode locks taken in a fixed order.
/// Operations address inodes by id, as NFS handles and 9P fids do; names are raw bytes.
/// </summary>
public sealed partial class PosixFileSystem : IAsyncDisposable
{
    /// <summary>The root directory's inode id.</summary>
    public const ulong RootId = InodeIdAllocator.RootId;

    /// <summary>The longest name in bytes.</summary>
    public const int MaxNameLength = 255;

    /// <summary>The longest symlink target in bytes (PATH_MAX).</summary>
    public const int MaxSymlinkLength = 4096;

    /// <summary>The inode capacity statfs reports.</summary>
    public const long TotalInodes = 1L << 48;

    private readonly IFileSystemStore _store;
    private readonly FileSystemOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InodeLockTable _locks = new();
    private readonly SpaceAccounting _accounting = new();
    private readonly InodeIdAllocator _ids = new();
    private readonly ConcurrentDictionary<ulong, int> _openHandles = new();
    private readonly ConcurrentDictionary<ulong, PendingWrite> _pending = new();
    private readonly SemaphoreSlim _renameGate = new(1, 1);
    private long _pendingBytes;

    private PosixFileSystem(IFileSystemStore store, FileSystemOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>True when the store is a read-only replica or checkpoint: every mutation returns <see cref="FsStatus.ReadOnlyFileSystem"/>.</summary>
    public bool IsReadOnly => _store.IsReadOnly;

    /// <summary>The options this filesystem runs with.</summary>
    public FileSystemOptions Options => _options;

    internal IFileSystemStore Store => _store;

    internal ILogger Logger => _logger;

    internal event Action? TombstoneAdded;

    /// <summary>
    /// Opens the filesystem in <paramref name="store"/>. A writable open of an empty store creates
    /// the root directory; it also reclaims inodes left orphaned by a process that died while they
    /// were unlinked but open.
    /// </summary>
    /// <param name="store">The engine, through <see cref="DbFileSystemStore"/> or <see cref="ReaderFileSystemStore"/>.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="time">The clock of every timestamp.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="InvalidOperationException">A read-only store holds no filesystem, or its format version is unknown.</exception>
    public static async Task<PosixFileSystem> OpenAsync(
        IFileSystemStore store,
        FileSystemOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ZeroFs.FileSystem");
        var fs = new PosixFileSystem(store, options, time, logger);
        await fs.InitializeAsync(cancellationToken).ConfigureAwait(false);
        FileSystemLog.Opened(logger, store.IsReadOnly, fs._accounting.UsedBytes, fs._accounting.UsedInodes);
        return fs;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var version = await _store.GetValueAsync(KeyCodec.FormatVersionKey, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            if (_store.IsReadOnly)
            {
                throw new InvalidOperationException("The store holds no filesystem (no format record), and a read-only open cannot create one.");
            }

            await CreateRootAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (version.Length != 1 || version[0] != KeyCodec.FormatVersion)
        {
            throw new InvalidOperationException($"Unknown filesystem format version {(version.Length == 1 ? version[0] : -1)}.");
        }

        await _accounting.LoadAsync(_store, cancellationToken).ConfigureAwait(false);
        await _ids.LoadAsync(_store, cancellationToken).ConfigureAwait(false);
        if (!_store.IsReadOnly)
        {
            await FinishInterruptedTruncationsAsync(cancellationToken).ConfigureAwait(false);
            await ReclaimOrphansAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CreateRootAsync(CancellationToken cancellationToken)
    {
        var now = NowNanoseconds();
        var root = new InodeRecord
        {
            Id = RootId,
            Type = FileType.Directory,
            Mode = _options.RootMode,
            Uid = _options.RootUid,
            Gid = _options.RootGid,
            Nlink = 2,
            Atime = now,
            Mtime = now,
            Ctime = now,
            Crtime = now,
            Generation = 1,
            Parent = RootId,
        };
        var batch = new WriteBatch()
            .Put(KeyCodec.Inode(RootId), root.Encode())
            .Put(KeyCodec.Stats(0), SpaceAccounting.Encode(0, 1))
            .Put(KeyCodec.FormatVersionKey, [KeyCodec.FormatVersion]);
        await _store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        FileSystemLog.RootCreated(_logger, root.Mode, root.Uid, root.Gid);
    }

    /// <summary>
    /// Pushes every coalesced write into the engine so a clean shutdown keeps them; the caller then
    /// closes the engine (which publishes what is unflushed). The store stays the caller's.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsReadOnly)
        {
            await FlushPendingWritesAsync().ConfigureAwait(false);
        }
    }

    internal long NowNanoseconds() => (_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    private ValueTask<long> CommitAsync(WriteBatch batch, ulong statsInode, long bytes, long inodes, CancellationToken cancellationToken) =>
        _accounting.CommitAsync(_store, batch, statsInode, bytes, inodes, cancellationToken);

    internal static FsStatus ValidateName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return FsStatus.NotFound;
        }

        if (name.Length > MaxNameLength)
        {
            return FsStatus.NameTooLong;
        }

        return name.IndexOfAny((byte)'/', (byte)0) >= 0 ? FsStatus.InvalidArgument : FsStatus.Ok;
    }

    internal static bool IsDot(ReadOnlySpan<byte> name) => name.Length == 1 && name[0] == (byte)'.';

    internal static bool IsDotDot(ReadOnlySpan<byte> name) => name.Length == 2 && name[0] == (byte)'.' && name[1] == (byte)'.';
}
