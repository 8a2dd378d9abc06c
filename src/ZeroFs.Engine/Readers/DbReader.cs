using System.Buffers;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Readers;

/// <summary>
/// A read-only database (ENGINE.md §9 "Readers"; open with <see cref="Db.OpenReaderAsync"/>).
/// <see cref="ReaderMode.Pinned"/> serves one checkpoint forever; <see cref="ReaderMode.Follow"/>
/// tracks the writer's durable state. Reads are lock-free over an immutable state swapped
/// atomically, so a read never sees part of a batch and the visible seq never goes backwards.
/// It never writes data, never fences and never runs the store self-test; its only writes are
/// its lease checkpoint (follow mode). Every write API throws <see cref="ReadOnlyException"/>.
/// Thread-safe.
/// </summary>
public sealed partial class DbReader : IAsyncDisposable
{
    private readonly IObjectStore _walStore;
    private readonly ReaderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _walTag;
    private readonly BlockSealer _manifestSealer;
    private readonly BlockSealer _walSealer;
    private readonly BlockSealer _sstSealer;
    private readonly ManifestStore _manifests;
    private readonly CheckpointEditor _editor;
    private readonly CheckpointIdGenerator _ids;
    private readonly TableSet _tables;
    private readonly Random _random;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private ReaderState _state = null!;
    private Guid _checkpointId;
    private int _closing;
    private Task _pollLoop = Task.CompletedTask;
    private Task? _disposeTask;

    // Follow mode, changed only under _refreshLock: the memtable receiving replayed segments,
    // older replayed memtables (newest first), the open tables and the next WAL id to read.
    private SkipListMemtable _tail;
    private ImmutableArray<SkipListMemtable> _replayed = [];
    private SstReader[] _tableReaders = [];
    private ulong _nextWalId;
    private DateTimeOffset _leaseRefreshAt;

    private DbReader(IObjectStore main, IObjectStore walStore, string walTag, DataKey key, ReaderOptions options, TimeProvider time, ILogger logger)
    {
        _walStore = walStore;
        _walTag = walTag;
        _options = options;
        _time = time;
        _logger = logger;
        _manifestSealer = new BlockSealer(key, KeyDomain.Manifest, options.Compression);
        _walSealer = new BlockSealer(key, KeyDomain.Wal, options.Compression);
        _sstSealer = new BlockSealer(key, KeyDomain.Sst, options.Compression);
        _manifests = new ManifestStore(main, _manifestSealer);
        _editor = new CheckpointEditor(_manifests, time, CreatorRole.Reader);
        _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _ids = new CheckpointIdGenerator(new Random(_random.Next()));
        _tables = new TableSet(main, _sstSealer);
        _tail = NewMemtable();
    }

    /// <summary>Follow or pinned.</summary>
    public ReaderMode Mode => _options.Mode;

    /// <summary>The newest visible seq; never decreases.</summary>
    public ulong LastSeq => Volatile.Read(ref _state).Seq;

    /// <summary>The manifest version whose tables the reader serves (a follower's lease pins it).</summary>
    public ulong ManifestId => Volatile.Read(ref _state).Manifest.Id;

    /// <summary>The pinned checkpoint, or (follow mode) the reader's own lease checkpoint.</summary>
    public Guid CheckpointId => _checkpointId;

    /// <summary>Looks up the newest visible version of <paramref name="key"/>; a found value is written to <paramref name="value"/>.</summary>
    public ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value = null, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        KeyLimits.Validate(key.Span, 0);
        var state = Volatile.Read(ref _state);
        return state.View.GetAsync(key, state.Seq, value, cancellationToken);
    }

    /// <summary>The value of <paramref name="key"/>, or null when absent or deleted (copies; for cold paths and tests).</summary>
    public async Task<byte[]?> GetValueAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var result = await GetAsync(key, buffer, cancellationToken).ConfigureAwait(false);
        return result.Status == LookupStatus.Found ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>Scans [<paramref name="start"/>, <paramref name="end"/>) at the current seq; an empty bound is unbounded.</summary>
    public DbIterator Scan(ReadOnlyMemory<byte> start = default, ReadOnlyMemory<byte> end = default)
    {
        ThrowIfClosed();
        var state = Volatile.Read(ref _state);
        return new DbIterator(state.View.Scan(start, end, state.Seq));
    }

    /// <summary>
    /// Pins the current view. On a follower the snapshot keeps reading the tables it started with;
    /// once the follower has moved on they are protected only by GC's minimum SST age, so keep
    /// follower snapshots short.
    /// </summary>
    public Snapshot GetSnapshot()
    {
        ThrowIfClosed();
        var state = Volatile.Read(ref _state);
        return new Snapshot(state.Seq, state.View, null);
    }

    /// <summary>Live (unexpired) checkpoints of the latest manifest, read now, oldest first; only those labelled <paramref name="name"/> when given.</summary>
    public async Task<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        var latest = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        return CheckpointList.Live(latest?.Manifest, _time.GetUtcNow(), name);
    }

    /// <summary>The newest live checkpoint labelled <paramref name="name"/> in the latest manifest, or null.</summary>
    public async Task<CheckpointInfo?> FindCheckpointAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var matches = await ListCheckpointsAsync(name, cancellationToken).ConfigureAwait(false);
        return matches.Count == 0 ? null : matches[^1];
    }

    /// <summary>
    /// Closes the reader: stops polling and removes the follower's lease checkpoint (best effort;
    /// it expires on its own otherwise). Safe to call more than once.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _disposeTask = CloseAsync();
        }

        return new ValueTask(Volatile.Read(ref _disposeTask) ?? Task.CompletedTask);
    }

    private async Task CloseAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _pollLoop.ConfigureAwait(false);
        await _refreshLock.WaitAsync().ConfigureAwait(false);
        if (_options.Mode == ReaderMode.Follow && Volatile.Read(ref _state) is not null)
        {
            await ReleaseLeaseAsync().ConfigureAwait(false);
            EngineLog.ReaderClosed(_logger, LastSeq);
        }

        DisposeResources();
    }

    private async Task ReleaseLeaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
            await _editor.RemoveAsync(_checkpointId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectStoreException or OperationCanceledException or SimulatedCrashException or CorruptionException)
        {
            EngineLog.ReaderLeaseReleaseFailed(_logger, _checkpointId, ex);
        }
    }

    private void DisposeResources()
    {
        _shutdown.Dispose();
        _manifestSealer.Dispose();
        _walSealer.Dispose();
        _sstSealer.Dispose();
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _closing) != 0, this);

    private SkipListMemtable NewMemtable() => new((ulong)_random.NextInt64(1, long.MaxValue));

    private void CheckWalStore(DbManifest manifest)
    {
        if (!string.Equals(manifest.WalStore, _walTag, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"WAL store mismatch: the manifest records WAL store '{manifest.WalStore}' but this reader is configured with '{_walTag}'.");
        }
    }
}
