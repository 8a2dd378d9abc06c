using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZeroFs.Crypto;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine;

/// <summary>
/// The fenced single writer of an LSM tree stored entirely in an object store (ENGINE.md §9).
/// Open with <see cref="OpenWriterAsync"/>; writes are atomic batches that get one seq each and
/// become visible all at once; <see cref="WaitDurableAsync"/> is the fsync. Reads are lock-free
/// over an immutable <c>DbState</c>. Thread-safe. A newer writer opening the same bucket fences
/// this one: every pending and later call fails with <see cref="FencedException"/>.
/// </summary>
public sealed partial class Db : IAsyncDisposable
{
    private readonly IObjectStore _main;
    private readonly IObjectStore _walStore;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BlockSealer _sstSealer;
    private readonly BlockSealer _flushSealer;
    private readonly BlockSealer _walSealer;
    private readonly BlockSealer _manifestSealer;
    private readonly ManifestStore _manifests;
    private readonly UlidGenerator _ulids;
    private readonly Random _random;
    private readonly ulong _epoch;
    private readonly ulong _fenceId;
    private readonly Channel<WriteRequest> _requests = Channel.CreateUnbounded<WriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DurabilityTracker _durability;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _uploadSlots;
    private readonly SemaphoreSlim _publishKick = new(0, 1);
    private readonly Lock _stateLock = new();

    // Held while a batch is committed or the memtable frozen: by the write loop, and by a caller
    // committing inline (WriteAsync's fast path). It makes them one writer at a time.
    private readonly Lock _commitLock = new();
    private readonly Lock _snapshotLock = new();
    private readonly Dictionary<ulong, int> _pinned = [];
    private readonly WalWriter? _walWriter;
    private readonly SegmentPool _segments;
    private readonly SegmentPool _slabs;
    private readonly ByteCounter _compactionReads;
    private readonly long _memoryBudget;
    private readonly long _maxUnflushed;
    private DbState _state;
    private ulong _visibleSeq;
    private long _lastTick;
    private long _lastPublishTimestamp;
    private Exception? _failure;
    private int _closing;

    // Requests in the channel that the write loop has not finished: while any is queued a new batch
    // queues behind it, so no batch overtakes one that was waiting for room.
    private int _queued;
    private TaskCompletionSource _progress = NewSignal();
    private Task _writeLoop = Task.CompletedTask;
    private Task _publishLoop = Task.CompletedTask;
    private Task _pollLoop = Task.CompletedTask;
    private Task? _disposeTask;

    /// <summary>The writer epoch this instance owns.</summary>
    public ulong Epoch => _epoch;

    /// <summary>The newest seq visible to reads.</summary>
    public ulong LastSeq => Volatile.Read(ref _visibleSeq);

    /// <summary>The largest seq known durable (in a written WAL segment or a published L0 table).</summary>
    public ulong DurableSeq => _durability.Durable;

    /// <summary>
    /// Commits <paramref name="batch"/> and returns its seq once it is in the memtable and visible
    /// to reads (not yet durable: see <see cref="WaitDurableAsync"/>). Do not change the batch until
    /// the returned task completes. Cancellation stops waiting only; the batch may still commit.
    /// </summary>
    /// <exception cref="FencedException">A newer writer took over.</exception>
    /// <exception cref="ObjectDisposedException">The database was closed.</exception>
    public ValueTask<long> WriteAsync(WriteBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            throw new ArgumentException("A write batch needs at least one operation.", nameof(batch));
        }

        ThrowIfStopped();
        if (TryCommitInline(batch, out var seq))
        {
            return new ValueTask<long>(seq);
        }

        var completion = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!TryEnqueue(new WriteRequest(batch, completion)))
        {
            ThrowIfStopped();
            throw new ObjectDisposedException(nameof(Db), "The database is closed.");
        }

        return new ValueTask<long>(cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task);
    }

    /// <summary>Puts one key (a one-entry batch); returns its seq.</summary>
    public ValueTask<long> PutAsync(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, CancellationToken cancellationToken = default) =>
        WriteAsync(new WriteBatch().Put(key, value), cancellationToken);

    /// <summary>Deletes one key (a one-entry batch); returns its seq.</summary>
    public ValueTask<long> DeleteAsync(ReadOnlySpan<byte> key, CancellationToken cancellationToken = default) =>
        WriteAsync(new WriteBatch().Delete(key), cancellationToken);

    /// <summary>
    /// Completes when every batch with seq ≤ <paramref name="seq"/> is durable: in a written WAL
    /// segment, or (WAL disabled) in a published L0 table — this call then forces a freeze and
    /// publish. Durable writes survive any crash (invariant 1).
    /// </summary>
    /// <exception cref="FencedException">A newer writer took over before the seq became durable.</exception>
    public Task WaitDurableAsync(long seq, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var target = (ulong)seq;
        var wait = _durability.WaitAsync(target);
        if (wait.IsCompleted)
        {
            return wait;
        }

        if (target > LastSeq)
        {
            throw new ArgumentOutOfRangeException(nameof(seq), seq, "The seq has not been assigned yet.");
        }

        if (_walWriter is not null)
        {
            _walWriter.RequestFlush(target);
        }
        else
        {
            TryEnqueue(new WriteRequest(null, null));
        }

        return cancellationToken.CanBeCanceled ? wait.WaitAsync(cancellationToken) : wait;
    }

    /// <summary>A durability barrier: completes when everything written so far is durable.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => WaitDurableAsync((long)LastSeq, cancellationToken);

    /// <summary>
    /// Looks up the newest visible version of <paramref name="key"/>; a found value is written to
    /// <paramref name="value"/>. Completes synchronously unless a table block must be fetched.
    /// </summary>
    public ValueTask<LookupResult> GetAsync(ReadOnlyMemory<byte> key, IBufferWriter<byte>? value = null, CancellationToken cancellationToken = default)
    {
        KeyLimits.Validate(key.Span, 0);
        var seq = Volatile.Read(ref _visibleSeq);

        // A memtable released between reading the state and holding it was published: the
        // newer state has its rows in a table (and everything up to seq).
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state.View.TryGet(key, seq, value, out var result, cancellationToken))
            {
                return result;
            }
        }
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
        var seq = Volatile.Read(ref _visibleSeq);
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state.View.TryScan(start, end, seq) is { } scan)
            {
                return new DbIterator(scan);
            }
        }
    }

    /// <summary>Pins the current seq: the snapshot reads exactly this state until disposed.</summary>
    public Snapshot GetSnapshot()
    {
        lock (_snapshotLock)
        {
            var seq = Volatile.Read(ref _visibleSeq);
            var state = Volatile.Read(ref _state);
            while (!state.View.TryAcquireMemtables())
            {
                state = Volatile.Read(ref _state);
            }

            _pinned[seq] = _pinned.GetValueOrDefault(seq) + 1;
            return new Snapshot(seq, state.View, Release, holdsMemtables: true);
        }
    }

    private void Release(Snapshot snapshot)
    {
        lock (_snapshotLock)
        {
            if (_pinned.TryGetValue(snapshot.Seq, out var count))
            {
                if (count <= 1)
                {
                    _pinned.Remove(snapshot.Seq);
                }
                else
                {
                    _pinned[snapshot.Seq] = count - 1;
                }
            }
        }
    }

    // The smallest seq a live snapshot needs (the current seq when none is pinned).
    private ulong RetainSeqFloor()
    {
        lock (_snapshotLock)
        {
            var floor = Volatile.Read(ref _visibleSeq);
            foreach (var seq in _pinned.Keys)
            {
                floor = Math.Min(floor, seq);
            }

            return floor;
        }
    }

    private void ThrowIfStopped()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure is ObjectDisposedException
                ? new ObjectDisposedException(nameof(Db), "The database is closed.")
                : failure is FencedException
                    ? new FencedException(failure.Message, failure)
                    : new EngineFailedException(failure.Message, failure);
        }

        if (Volatile.Read(ref _closing) != 0)
        {
            throw new ObjectDisposedException(nameof(Db), "The database is closed.");
        }
    }

    private SkipListMemtable NewMemtable() => new((ulong)_random.NextInt64(1, long.MaxValue), _slabs);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
