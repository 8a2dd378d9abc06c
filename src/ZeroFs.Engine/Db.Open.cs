using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Crypto;
using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>Opening a writer: ENGINE.md §9 "Open writer" steps 1–8.</summary>
public sealed partial class Db
{
    private Db(
        IObjectStore main,
        IObjectStore walStore,
        EngineOptions options,
        TimeProvider time,
        ILogger logger,
        BlockSealer manifestSealer,
        BlockSealer walSealer,
        BlockSealer sstSealer,
        BlockSealer flushSealer,
        ManifestStore manifests,
        Random random,
        RecoveredState recovered,
        TableCache tables,
        SegmentPool slabs)
    {
        _main = main;
        _walStore = walStore;
        _options = options;
        _time = time;
        _logger = logger;
        _manifestSealer = manifestSealer;
        _walSealer = walSealer;
        _sstSealer = sstSealer;
        _flushSealer = flushSealer;
        _manifests = manifests;
        _random = random;
        _tables = tables;
        _slabs = slabs;
        _ulids = recovered.Ulids;
        _epoch = recovered.Epoch;
        _fenceId = recovered.FenceId;
        _uploadSlots = new SemaphoreSlim(options.L0UploadParallelism, options.L0UploadParallelism);

        // Enough idle segments for every table writer at its peak (three each: filling, ready,
        // uploading), so steady uploading and compaction allocate no new arrays.
        var tableWriters = options.L0UploadParallelism + (options.CompactorMode == Compaction.CompactorMode.Embedded ? options.Compactor.MaxConcurrentJobs : 0);
        _segments = new SegmentPool(options.Sst.PartBytes, 3 * tableWriters, SignalProgress);
        _compactionReads = new ByteCounter(SignalProgress);
        _memoryBudget = options.EffectiveMemoryBudget;
        _maxUnflushed = options.EffectiveMaxUnflushedBytes;
        _visibleSeq = recovered.LastSeq;
        _lastTick = recovered.LastTick;
        _lastPublishTimestamp = time.GetTimestamp();
        _durability = new DurabilityTracker(recovered.LastSeq);
        _state = new DbState(recovered.Memtable, recovered.Frozen, recovered.L0, recovered.Runs, recovered.Manifest);
        if (options.WalEnabled)
        {
            _walWriter = new WalWriter(walStore, walSealer, recovered.FenceId + 1, options, time, OnWalDurable, OnBackgroundFailure);
        }
    }

    /// <summary>
    /// Opens the writer of the tree rooted at <paramref name="main"/>, fencing any previous writer
    /// (ENGINE.md §9 open steps 1–8): creates manifest 1 in an empty root, claims writer epoch + 1
    /// by CAS, fences the WAL, replays it, and re-checks the epoch.
    /// </summary>
    /// <param name="main">The bucket root: manifests, tables, and the WAL unless <paramref name="wal"/> is given.</param>
    /// <param name="wal">A separate WAL store (needs <see cref="EngineOptions.WalStoreTag"/>), or null for the main store.</param>
    /// <param name="key">The data key; sealers derive their own subkeys, so the caller keeps ownership.</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="time">The clock of every timer, timestamp and ULID.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <param name="cancellationToken">Cancels the open (nothing is half-claimed: a later open recovers).</param>
    /// <exception cref="FencedException">Another writer claimed a newer epoch while this one was opening.</exception>
    /// <exception cref="InvalidOperationException">The root holds objects but no manifest, or the WAL store tag does not match.</exception>
    public static async Task<Db> OpenWriterAsync(
        IObjectStore main,
        IObjectStore? wal,
        DataKey key,
        EngineOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var separate = wal is not null && !ReferenceEquals(wal, main);
        if (separate != (options.WalStoreTag is not null))
        {
            throw new ArgumentException(separate
                ? "A separate WAL store needs EngineOptions.WalStoreTag (recorded in the manifest so a mismatched store is refused)."
                : "EngineOptions.WalStoreTag is set but no separate WAL store was given.");
        }

        var walStore = wal ?? main;
        var walTag = DbManifest.WalStoreName(separate ? options.WalStoreTag : null);
        var logger = (ILogger?)loggerFactory?.CreateLogger<Db>() ?? NullLogger.Instance;
        var manifestSealer = new BlockSealer(key, KeyDomain.Manifest, options.Compression);
        var flushCompression = FlushCompression(options.Compression);
        var walSealer = new BlockSealer(key, KeyDomain.Wal, flushCompression);
        var sstSealer = new BlockSealer(key, KeyDomain.Sst, options.Compression);
        var flushSealer = new BlockSealer(key, KeyDomain.Sst, flushCompression);
        var tables = new TableCache(main, sstSealer, options, logger);

        // Memtable slabs: enough idle ones kept to refill the memtables' bound, so a steady ingest
        // reuses the slabs of published memtables instead of leaving them to the GC.
        var slabs = new SegmentPool(MemtableArena.SlabBytes, (int)Math.Min(int.MaxValue, options.EffectiveMaxUnflushedBytes / MemtableArena.SlabBytes));
        try
        {
            var manifests = new ManifestStore(main, manifestSealer);
            var random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
            var opener = new WriterOpener(main, walStore, walTag, options, time, logger, manifests, walSealer, random, tables, slabs);
            var recovered = await opener.RunAsync(cancellationToken).ConfigureAwait(false);
            var db = new Db(main, walStore, options, time, logger, manifestSealer, walSealer, sstSealer, flushSealer, manifests, random, recovered, tables, slabs);
            db.Start();
            return db;
        }
        catch
        {
            tables.Dispose();
            manifestSealer.Dispose();
            walSealer.Dispose();
            sstSealer.Dispose();
            flushSealer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The codec of what the writer produces on the ingest path (WAL segments and L0 tables): lz4 when zstd
    /// is configured, otherwise the configured codec. Every byte ingested is compressed once per WAL
    /// segment and once per L0 table before compaction rewrites it with the configured codec, so zstd
    /// there made zstd most of the write path's CPU (decision engine-0006). Reads detect the codec.
    /// </summary>
    private static CompressionOptions FlushCompression(CompressionOptions configured) =>
        configured.Codec == CompressionCodec.Zstd ? new CompressionOptions(CompressionCodec.Lz4) : configured;

    private void Start()
    {
        // Replayed memtables frozen at open get their uploads before the publisher can see them.
        foreach (var frozen in _state.Frozen)
        {
            var upload = frozen;
            frozen.Upload = Task.Run(() => UploadAsync(upload));
        }

        var compactorRandom = new Random(_random.Next());
        _writeLoop = Task.Run(WriteLoopAsync);
        _publishLoop = Task.Run(PublishLoopAsync);
        _pollLoop = Task.Run(PollLoopAsync);
        if (_options.CompactorMode == Compaction.CompactorMode.Embedded)
        {
            _compactorLoop = Task.Run(() => RunEmbeddedCompactorAsync(compactorRandom));
        }

        KickPublisher();
    }
}
