using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Crypto.Keys;
using ZeroFs.Engine;
using ZeroFs.Engine.Compaction;
using ZeroFs.Engine.Inspection;
using ZeroFs.Engine.Readers;
using ZeroFs.FileSystem;
using ZeroFs.FileSystem.Storage;
using ZeroFs.Hosting.Configuration;
using ZeroFs.Hosting.Engine;
using ZeroFs.Hosting.Logging;
using ZeroFs.Hosting.Serving;
using ZeroFs.Hosting.Storage;
using ZeroFs.Nbd.Server;
using ZeroFs.Nfs;
using ZeroFs.NineP.Server;
using ZeroFs.ObjectStore;

namespace ZeroFs.Hosting;

/// <summary>
/// One running ZeroFS instance: opens the store stack, proves the store can fence writers, unlocks
/// the data key and (once they exist) starts the storage engine and the protocol servers.
/// Embeddable: tests and benchmarks construct it with options and call
/// <see cref="StartAsync"/>/<see cref="StopAsync"/> in process.
/// </summary>
public sealed class ZeroFsHost : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly KeyFileOptions _keyFileOptions;
    private IObjectStore? _store;
    private IObjectStore? _walStore;
    private DataKey? _dataKey;
    private Db? _db;
    private DbReader? _reader;
    private Compactor? _compactor;
    private PosixFileSystem? _fileSystem;
    private ProtocolListeners? _listeners;
    private Task _compactorRun = Task.CompletedTask;
    private readonly CancellationTokenSource _compactorStop = new();
    private int _state; // 0 new, 1 started, 2 stopped

    /// <summary>Creates a host; nothing is opened until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Bound configuration.</param>
    /// <param name="mode">Writer, read replica or checkpoint view.</param>
    /// <param name="checkpointName">The checkpoint to open; required when <paramref name="mode"/> is <see cref="AccessMode.Checkpoint"/>.</param>
    /// <param name="loggerFactory">Where logs go.</param>
    /// <param name="timeProvider">Clock for retries and timers; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <param name="keyFileOptions">Argon2id parameters for a newly created key file; the recommended ones when omitted.</param>
    public ZeroFsHost(
        ZeroFsOptions options,
        AccessMode mode,
        string? checkpointName,
        ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null,
        KeyFileOptions? keyFileOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (mode == AccessMode.Checkpoint)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(checkpointName);
        }

        Options = options;
        Mode = mode;
        CheckpointName = checkpointName;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ZeroFsHost>();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _keyFileOptions = keyFileOptions ?? KeyFileOptions.Default;
    }

    /// <summary>The configuration this host runs.</summary>
    public ZeroFsOptions Options { get; }

    /// <summary>How the bucket is opened.</summary>
    public AccessMode Mode { get; }

    /// <summary>The checkpoint opened in <see cref="AccessMode.Checkpoint"/> mode.</summary>
    public string? CheckpointName { get; }

    /// <summary>The configured listeners, as <c>"protocol address"</c> strings.</summary>
    public IReadOnlyList<string> ConfiguredListeners => ServerListeners.Describe(Options.Servers);

    /// <summary>
    /// The listeners actually served, as <c>"protocol address"</c> strings with the real port when
    /// port 0 was configured. Empty before start and in inspect and compactor modes.
    /// </summary>
    public IReadOnlyList<string> ServedListeners => _listeners?.Endpoints ?? [];

    /// <summary>Configured protocols this build does not serve yet (they are logged at start, never silently dropped).</summary>
    public IReadOnlyList<string> UnservedProtocols { get; private set; } = [];

    /// <summary>The bound TCP endpoint of each served protocol (tests bind port 0 and read the real port here).</summary>
    public IReadOnlyList<(string Protocol, System.Net.IPEndPoint EndPoint)> TcpEndpoints => _listeners?.TcpEndpoints ?? [];

    /// <summary>The filesystem the protocols serve (writer, replica and checkpoint modes), or null.</summary>
    public PosixFileSystem? FileSystem => _fileSystem;

    /// <summary>The open storage engine (writer mode), or null before start, after stop and in read-only modes.</summary>
    public Db? Database => _db;

    /// <summary>The open read-only view (replica or checkpoint mode), or null otherwise.</summary>
    public DbReader? Reader => _reader;

    /// <summary>
    /// In compactor mode, completes when the compactor stops on its own: faulted with
    /// <see cref="FencedException"/> when a newer compactor took over. Never completes in other modes
    /// while running.
    /// </summary>
    public Task Completion => Mode == AccessMode.Compactor ? _compactorRun : Task.Delay(Timeout.Infinite, _compactorStop.Token);

    /// <summary>Opens the stores, runs the self-test (writer only) and unlocks the data key.</summary>
    /// <exception cref="ZeroFsHostException">The store, the self-test or the key file failed; the message says what to do.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the host was already started");
        }

        var config = Options.SourcePath ?? EmbeddedConfig.DisplayName;
        try
        {
            _store = CreateStore(Options.Storage.Url, "main", config, DiskCache());
            HostingLog.Opening(_logger, DescribeMode(), _store.Description, config);
            if (Options.Wal is { } wal)
            {
                _walStore = CreateStore(wal.Url, "wal", config);
                HostingLog.SeparateWalStore(_logger, _walStore.Description);
            }

            if (Mode is AccessMode.Writer or AccessMode.Compactor)
            {
                await SelfTestAsync(_store, cancellationToken).ConfigureAwait(false);
                if (_walStore is not null)
                {
                    await SelfTestAsync(_walStore, cancellationToken).ConfigureAwait(false);
                }
            }

            _dataKey = await UnlockAsync(_store, config, cancellationToken).ConfigureAwait(false);
            if (Mode == AccessMode.Writer)
            {
                _db = await OpenEngineAsync(_store, _walStore, _dataKey, config, cancellationToken).ConfigureAwait(false);
                _fileSystem = await OpenFileSystemAsync(new DbFileSystemStore(_db), cancellationToken).ConfigureAwait(false);
            }
            else if (Mode is AccessMode.ReadOnly or AccessMode.Checkpoint)
            {
                _reader = await OpenReaderAsync(_store, _walStore, _dataKey, cancellationToken).ConfigureAwait(false);
                _fileSystem = await OpenFileSystemAsync(new ReaderFileSystemStore(_reader), cancellationToken).ConfigureAwait(false);
            }
            else if (Mode == AccessMode.Compactor)
            {
                _compactor = await OpenCompactorAsync(_store, _walStore, _dataKey, cancellationToken).ConfigureAwait(false);
                _compactorRun = _compactor.RunAsync(_compactorStop.Token);
            }

            if (_fileSystem is not null)
            {
                await StartServersAsync(_fileSystem, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // A failed start leaves nothing to stop.
            Volatile.Write(ref _state, 2);
            await CloseAsync().ConfigureAwait(false);
            throw;
        }

    }

    /// <summary>A read-only inspector over the opened stores (any mode, after <see cref="StartAsync"/>); the caller disposes it.</summary>
    public StoreInspector CreateInspector()
    {
        if (_store is null || _dataKey is null)
        {
            throw new InvalidOperationException("the host is not started");
        }

        return new StoreInspector(_store, _walStore, _dataKey);
    }

    /// <summary>Stops serving and closes the stores. Safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        HostingLog.Stopping(_logger);
        await CloseAsync().ConfigureAwait(false);
        HostingLog.Stopped(_logger);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await CloseAsync().ConfigureAwait(false);
    }

    private string DescribeMode() => Mode switch
    {
        AccessMode.Writer => "writer",
        AccessMode.ReadOnly => "read-only replica",
        AccessMode.Inspect => "read-only inspection",
        AccessMode.Compactor => "standalone compactor",
        _ => $"checkpoint '{CheckpointName}' (read-only)",
    };

    // Sealed table parts only: manifests, WAL segments and floors always come from the store.
    private DiskCacheOptions DiskCache() => new(Path.GetFullPath(Options.Cache.Dir), Options.Cache.DiskSizeBytes);

    private IObjectStore CreateStore(string url, string name, string config, DiskCacheOptions? diskCache = null)
    {
        try
        {
            return ObjectStoreFactory.Create(url, Options.Aws, name, _timeProvider, diskCache, _loggerFactory);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ZeroFsHostException($"{config}: store url \"{url}\": {ex.Message}", isUsageError: true, ex);
        }
    }

    private async Task SelfTestAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        try
        {
            await ConditionalWriteSelfTest.RunAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreSelfTestException ex)
        {
            throw new ZeroFsHostException(
                $"the store {store.Description} failed the conditional-write self-test: {ex.Message}. "
                + "ZeroFS needs create-only and compare-and-swap writes to keep two writers apart; use a store that supports them",
                isUsageError: false,
                ex);
        }
        catch (ObjectStoreException ex)
        {
            throw StoreFailure(store, ex);
        }

        HostingLog.SelfTestPassed(_logger, store.Description);
    }

    private async Task<DataKey> UnlockAsync(IObjectStore store, string config, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        DataKey key;
        try
        {
            key = Mode == AccessMode.Writer
                ? await KeyFile.OpenOrCreateAsync(store, Options.Storage.EncryptionPassword, _keyFileOptions, cancellationToken)
                    .ConfigureAwait(false)
                : await KeyFile.OpenAsync(store, Options.Storage.EncryptionPassword, cancellationToken).ConfigureAwait(false);
        }
        catch (WrongPasswordException ex)
        {
            throw new ZeroFsHostException(
                $"wrong password: the encryption password from {config} does not unlock {KeyFile.ObjectKey} in {store.Description}; "
                + "use the password the store was created with (nothing was written)",
                isUsageError: false,
                ex);
        }
        catch (KeyFileNotFoundException ex)
        {
            throw new ZeroFsHostException(
                $"{store.Description} is not initialised (no {KeyFile.ObjectKey}); a {DescribeMode()} never creates it: "
                + "start a writer once (`zerofs run` without --read-only or --checkpoint)",
                isUsageError: false,
                ex);
        }
        catch (KeyFileCorruptException ex)
        {
            throw new ZeroFsHostException(
                $"{KeyFile.ObjectKey} in {store.Description} is damaged or of an unknown version: {ex.Message}", isUsageError: false, ex);
        }
        catch (ArgumentException ex) when (Mode == AccessMode.Writer)
        {
            throw new ZeroFsHostException(
                $"{config}: the encryption password is too short for a new store: {ex.Message} "
                + $"(at least {KeyFile.MinPasswordLength} characters)",
                isUsageError: true,
                ex);
        }
        catch (ObjectStoreException ex)
        {
            throw StoreFailure(store, ex);
        }
        catch (CryptoException ex)
        {
            throw new ZeroFsHostException($"cannot open {KeyFile.ObjectKey} in {store.Description}: {ex.Message}", isUsageError: false, ex);
        }

        HostingLog.KeyUnlocked(_logger, store.Description, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return key;
    }

    private async Task<Db> OpenEngineAsync(IObjectStore store, IObjectStore? walStore, DataKey key, string config, CancellationToken cancellationToken)
    {
        var options = EngineOptionsFactory.Create(Options);
        Db db;
        try
        {
            db = await Db.OpenWriterAsync(store, walStore, key, options, _timeProvider, _loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new ZeroFsHostException($"{config}: engine settings rejected: {ex.Message}", isUsageError: true, ex);
        }
        catch (ObjectStoreException ex)
        {
            throw StoreFailure(store, ex);
        }
        catch (Exception ex) when (ex is FencedException or CorruptionException or CryptoException or EngineFailedException or InvalidOperationException)
        {
            throw new ZeroFsHostException($"cannot open the storage engine on {store.Description}: {ex.Message}", isUsageError: false, ex);
        }

        HostingLog.EngineOpened(_logger, store.Description, (long)db.Epoch, (long)db.LastSeq);
        return db;
    }

    private async Task<Compactor> OpenCompactorAsync(IObjectStore store, IObjectStore? walStore, DataKey key, CancellationToken cancellationToken)
    {
        Compactor compactor;
        try
        {
            compactor = await Compactor.OpenAsync(
                store, key, EngineOptionsFactory.CreateCompactor(Options), _timeProvider, _loggerFactory, walStore, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectStoreException ex)
        {
            throw StoreFailure(store, ex);
        }
        catch (Exception ex) when (ex is FencedException or CorruptionException or CryptoException or InvalidOperationException or ArgumentException)
        {
            throw new ZeroFsHostException($"cannot start the standalone compactor on {store.Description}: {ex.Message}", isUsageError: false, ex);
        }

        HostingLog.CompactorStarted(_logger, store.Description, (long)compactor.Epoch);
        return compactor;
    }

    private async Task<DbReader> OpenReaderAsync(IObjectStore store, IObjectStore? walStore, DataKey key, CancellationToken cancellationToken)
    {
        var writer = EngineOptionsFactory.Create(Options);
        var options = (Mode == AccessMode.Checkpoint ? ReaderOptions.Pinned(CheckpointName!) : ReaderOptions.Follow()) with
        {
            WalStoreTag = writer.WalStoreTag,
            Compression = writer.Compression,
        };
        DbReader reader;
        try
        {
            reader = await Db.OpenReaderAsync(store, walStore, key, options, _timeProvider, _loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException ex)
        {
            throw new ZeroFsHostException(
                $"checkpoint '{CheckpointName}' does not exist in {store.Description} or has expired ({ex.Message})", isUsageError: false, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new ZeroFsHostException(
                $"{store.Description} holds no data yet: start a writer once before opening a {DescribeMode()} ({ex.Message})", isUsageError: false, ex);
        }
        catch (ObjectStoreException ex)
        {
            throw StoreFailure(store, ex);
        }
        catch (Exception ex) when (ex is CorruptionException or CryptoException or ArgumentException)
        {
            throw new ZeroFsHostException($"cannot open the {DescribeMode()} on {store.Description}: {ex.Message}", isUsageError: false, ex);
        }

        HostingLog.ReaderOpened(_logger, DescribeMode(), store.Description, (long)reader.ManifestId, (long)reader.LastSeq);
        return reader;
    }

    private async Task<PosixFileSystem> OpenFileSystemAsync(IFileSystemStore store, CancellationToken cancellationToken)
    {
        var options = new ZeroFs.FileSystem.FileSystemOptions { MaxSizeBytes = Options.FileSystem.MaxSizeBytes ?? long.MaxValue };
        try
        {
            return await PosixFileSystem.OpenAsync(store, options, _timeProvider, _loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new ZeroFsHostException($"cannot open the filesystem: {ex.Message}", isUsageError: false, ex);
        }
    }

    private async Task StartServersAsync(PosixFileSystem fileSystem, CancellationToken cancellationToken)
    {
        var bindings = new List<ProtocolBinding>();
        var unserved = new List<string>();
        await AddBindingsAsync(fileSystem, bindings, unserved, cancellationToken).ConfigureAwait(false);
        UnservedProtocols = unserved;
        if (unserved.Count > 0)
        {
            HostingLog.ServersNotAvailable(_logger, string.Join("; ", unserved));
        }

        if (bindings.Count > 0)
        {
            _listeners = await ProtocolListeners.StartAsync(bindings, _loggerFactory, cancellationToken).ConfigureAwait(false);
            HostingLog.Serving(_logger, string.Join("; ", _listeners.Endpoints));
        }
    }

    // One binding per protocol server this build contains; configured protocols it lacks are reported.
    private async Task AddBindingsAsync(PosixFileSystem fileSystem, List<ProtocolBinding> bindings, List<string> unserved, CancellationToken cancellationToken)
    {
        var servers = Options.Servers;
        if (servers.NineP is { HasListeners: true } ninep)
        {
            var server = new NinePServer(fileSystem, new NinePServerOptions(), _loggerFactory);
            bindings.Add(new ProtocolBinding("ninep", ninep.Addresses, ninep.UnixSocket, new NinePConnectionHandler(server)));
        }

        if (servers.Nfs is { HasListeners: true } nfs)
        {
            // The data key's id is random per store and never changes: file handles stay valid across
            // restarts and upgrades, and a handle from another store is STALE, never a wrong file.
            var options = new ZeroFs.Nfs.NfsServerOptions { VolumeId = _dataKey!.KeyId, Async = nfs.Async };
            var server = new NfsServer(fileSystem, options, _loggerFactory);
            bindings.Add(new ProtocolBinding("nfs", nfs.Addresses, null, new NfsConnectionHandler(server)));
        }

        if (servers.Nbd is { HasListeners: true } nbd)
        {
            var server = new NbdServer(fileSystem, new NbdServerOptions(), _loggerFactory);
            if (!fileSystem.IsReadOnly)
            {
                // Exports are the files in /.nbd; a writer makes sure the directory exists (replicas only read it).
                await server.EnsureExportDirectoryAsync(cancellationToken).ConfigureAwait(false);
            }

            bindings.Add(new ProtocolBinding("nbd", nbd.Addresses, nbd.UnixSocket, new NbdConnectionHandler(server)));
        }

        if (servers.Rpc is { HasListeners: true })
        {
            unserved.Add("rpc");
        }

        if (servers.WebUi is not null)
        {
            unserved.Add("webui");
        }
    }

    private static ZeroFsHostException StoreFailure(IObjectStore store, ObjectStoreException ex) =>
        new(
            $"the store {store.Description} failed: {ex.Message}"
            + (ex.IsTransient ? " (transient; retries were exhausted: check the network and the endpoint)" : " (check the url, bucket and credentials)"),
            isUsageError: false,
            ex);

    private async Task CloseAsync()
    {
        var listeners = Interlocked.Exchange(ref _listeners, null);
        if (listeners is not null)
        {
            // Connections get a short grace period to finish their current requests, then are aborted.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await listeners.StopAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Aborted the stragglers.
            }

            await listeners.DisposeAsync().ConfigureAwait(false);
        }

        var fileSystem = Interlocked.Exchange(ref _fileSystem, null);
        if (fileSystem is not null)
        {
            try
            {
                // Writes coalesced in memory reach the engine before it closes.
                await fileSystem.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectStoreException or FencedException or EngineFailedException or IOException)
            {
                HostingLog.EngineCloseFailed(_logger, ex);
            }
        }

        var compactor = Interlocked.Exchange(ref _compactor, null);
        if (compactor is not null)
        {
            await _compactorStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _compactorRun.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or FencedException or ObjectStoreException)
            {
                // Stopping: cancellation is the normal end; a fenced or failed run was reported by the caller of Completion.
            }

            await compactor.DisposeAsync().ConfigureAwait(false);
        }

        var reader = Interlocked.Exchange(ref _reader, null);
        if (reader is not null)
        {
            try
            {
                // Removes the replica's lease checkpoint, so GC can move on.
                await reader.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectStoreException or IOException)
            {
                HostingLog.EngineCloseFailed(_logger, ex);
            }
        }

        var db = Interlocked.Exchange(ref _db, null);
        if (db is not null)
        {
            try
            {
                // Flushes the WAL and publishes the memtable, so a clean stop leaves nothing to replay.
                await db.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectStoreException or FencedException or EngineFailedException or IOException)
            {
                HostingLog.EngineCloseFailed(_logger, ex);
            }
        }

        _dataKey?.Dispose();
        _dataKey = null;
        var stores = new[] { _walStore, _store };
        _walStore = null;
        _store = null;
        foreach (var store in stores)
        {
            if (store is null)
            {
                continue;
            }

            try
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectStoreException or IOException)
            {
                HostingLog.StoreCloseFailed(_logger, ex);
            }
        }
    }
}
