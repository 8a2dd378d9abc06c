using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Crypto;
using ZeroFs.Engine.Gc;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// The compactor role (ENGINE.md §9 Compaction): claims <c>compactorEpoch + 1</c> by CAS, polls the
/// manifest, runs size-tiered jobs and commits each with a hold checkpoint and a merge-and-retry
/// CAS that touches only compactor-owned fields (runs, <c>lastCompactedL0</c>) plus the removal of
/// its L0 sources. It also runs GC. A compactor that finds a higher compactor epoch stops with
/// <see cref="FencedException"/>. Runs inside the writer (<see cref="CompactorMode.Embedded"/>) or
/// standalone (<see cref="OpenAsync"/> + <see cref="RunAsync"/>, the <c>zerofs compactor</c> verb).
/// </summary>
public sealed partial class Compactor : IAsyncDisposable
{
    private readonly IObjectStore _main;
    private readonly ManifestStore _manifests;
    private readonly BlockSealer _sstSealer;
    private readonly BlockSealer? _ownedManifestSealer;
    private readonly bool _ownsSealers;
    private readonly bool _standalone;
    private readonly CompactorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly UlidGenerator _ulids;
    private readonly GarbageCollector _gc;
    private readonly Func<StoredManifest, CancellationToken, Task>? _onCommitted;
    private readonly SegmentPool _segments;
    private readonly ByteCounter _readAheadBytes;
    private readonly Lock _jobsLock = new();
    private readonly Dictionary<CompactionJob, DateTimeOffset> _running = [];
    private ulong _lastCommittedId;
    private int _disposed;

    private Compactor(
        IObjectStore main,
        IObjectStore? wal,
        ManifestStore manifests,
        BlockSealer sstSealer,
        BlockSealer? ownedManifestSealer,
        bool standalone,
        CompactorOptions options,
        TimeProvider time,
        ILogger logger,
        StoredManifest claimed,
        Random random,
        Func<StoredManifest, CancellationToken, Task>? onCommitted,
        SegmentPool segments,
        ByteCounter readAheadBytes)
    {
        _main = main;
        _manifests = manifests;
        _sstSealer = sstSealer;
        _ownedManifestSealer = ownedManifestSealer;
        _ownsSealers = ownedManifestSealer is not null;
        _standalone = standalone;
        _options = options;
        _time = time;
        _logger = logger;
        _random = random;
        _onCommitted = onCommitted;
        _segments = segments;
        _readAheadBytes = readAheadBytes;
        Epoch = claimed.Manifest.CompactorEpoch;
        _ulids = new UlidGenerator(time, new Random(random.Next() ^ (int)(Epoch * 0x9E3779B1)));
        _gc = new GarbageCollector(main, wal, manifests, options.Gc, time, logger, OldestRunningJobStart);
        _lastHeartbeat = time.GetUtcNow();
    }

    /// <summary>The compactor epoch this instance owns.</summary>
    public ulong Epoch { get; }

    /// <summary>
    /// Opens a standalone compactor over the tree rooted at <paramref name="main"/>: claims
    /// <c>compactorEpoch + 1</c> (fencing any earlier compactor, including a writer's embedded one)
    /// and records itself as standalone, so writers configured <see cref="CompactorMode.Embedded"/>
    /// do not start their own while it is alive. Run it with <see cref="RunAsync"/>.
    /// </summary>
    /// <param name="main">The bucket root holding manifests and tables.</param>
    /// <param name="key">The data key (the caller keeps ownership).</param>
    /// <param name="options">Settings (validated here).</param>
    /// <param name="time">The clock of polls, holds, ULIDs and GC ages.</param>
    /// <param name="loggerFactory">Logging, or null for none.</param>
    /// <param name="wal">The separate WAL store when the tree uses one (for WAL GC), else null.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="InvalidOperationException">The root holds no manifest.</exception>
    public static async Task<Compactor> OpenAsync(
        IObjectStore main,
        DataKey key,
        CompactorOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IObjectStore? wal = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var manifestSealer = new BlockSealer(key, KeyDomain.Manifest, options.Compression);
        var sstSealer = new BlockSealer(key, KeyDomain.Sst, options.Compression);
        try
        {
            var manifests = new ManifestStore(main, manifestSealer);
            if (await manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidOperationException("The store holds no manifest: open a writer first (it creates the tree); a compactor never creates one.");
            }

            var logger = (ILogger?)loggerFactory?.CreateLogger<Compactor>() ?? NullLogger.Instance;
            var random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
            var claimed = await ClaimAsync(manifests, time, standalone: true, cancellationToken).ConfigureAwait(false);
            EngineLog.CompactorClaimed(logger, claimed.Manifest.CompactorEpoch, claimed.Id, true);
            var segments = new SegmentPool(options.Sst.PartBytes, 3 * options.MaxConcurrentJobs);
            return new Compactor(main, wal, manifests, sstSealer, manifestSealer, true, options, time, logger, claimed, random, null, segments, new ByteCounter());
        }
        catch
        {
            manifestSealer.Dispose();
            sstSealer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The embedded compactor of a writer: shares its manifest store and table sealer (which it does
    /// not dispose), and its segment pool and read-ahead counter (the writer's memory accountant sees them).
    /// </summary>
    internal static async Task<Compactor> OpenEmbeddedAsync(
        IObjectStore main,
        IObjectStore? wal,
        ManifestStore manifests,
        BlockSealer sstSealer,
        CompactorOptions options,
        TimeProvider time,
        ILogger logger,
        Random random,
        Func<StoredManifest, CancellationToken, Task> onCommitted,
        SegmentPool segments,
        ByteCounter readAheadBytes,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var claimed = await ClaimAsync(manifests, time, standalone: false, cancellationToken).ConfigureAwait(false);
        EngineLog.CompactorClaimed(logger, claimed.Manifest.CompactorEpoch, claimed.Id, false);
        return new Compactor(main, wal, manifests, sstSealer, null, false, options, time, logger, claimed, random, onCommitted, segments, readAheadBytes);
    }

    /// <summary>
    /// Runs jobs until none is eligible (each commits before the next pick); returns how many
    /// committed. For tools and tests; <see cref="RunAsync"/> does this on every poll.
    /// </summary>
    /// <exception cref="FencedException">A newer compactor claimed the epoch.</exception>
    public async Task<int> CompactUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        var committed = 0;
        while (true)
        {
            var latest = await ReadLatestAsync(cancellationToken).ConfigureAwait(false);
            var jobs = PickJobs(latest, _options.MaxConcurrentJobs);
            if (jobs.Count == 0)
            {
                return committed;
            }

            await Task.WhenAll(jobs.Select(job => RunJobAsync(job, cancellationToken))).ConfigureAwait(false);
            committed += jobs.Count;
        }
    }

    /// <summary>
    /// Merges every L0 table and every run into one bottom run (tombstones dropped). False when
    /// there was nothing to merge. Waits for no running job: call it when the compactor is idle.
    /// </summary>
    /// <exception cref="FencedException">A newer compactor claimed the epoch.</exception>
    public async Task<bool> CompactFullyAsync(CancellationToken cancellationToken = default)
    {
        var latest = await ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        CompactionJob? job;
        lock (_jobsLock)
        {
            job = latest.Id < _lastCommittedId ? null : CompactionPicker.PickFull(latest.Manifest, BusyTables(), BusyRuns());
            if (job is not null)
            {
                _running.Add(job, _time.GetUtcNow());
            }
        }

        if (job is null)
        {
            return false;
        }

        await RunReservedJobAsync(job, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>One GC pass (ENGINE.md §9 GC steps 1–5); with <paramref name="dryRun"/> nothing is changed or deleted.</summary>
    public Task<GcReport> CollectGarbageAsync(bool dryRun = false, CancellationToken cancellationToken = default) =>
        _gc.RunAsync(dryRun, cancellationToken);

    /// <summary>Releases the sealers of a standalone compactor. Stop <see cref="RunAsync"/> first (cancel it).</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsSealers)
        {
            _sstSealer.Dispose();
            _ownedManifestSealer?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<StoredManifest> ReadLatestAsync(CancellationToken cancellationToken)
    {
        var latest = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the manifest disappeared");
        CheckEpoch(latest);
        return latest;
    }

    // Picks and reserves jobs atomically so no two jobs share a source. A version read before one
    // of our commits is skipped: its sources include tables that commit already removed.
    private List<CompactionJob> PickJobs(StoredManifest latest, int slots)
    {
        lock (_jobsLock)
        {
            if (latest.Id < _lastCommittedId)
            {
                return [];
            }

            var jobs = CompactionPicker.Pick(latest.Manifest, _options, BusyTables(), BusyRuns(), slots - _running.Count);
            var now = _time.GetUtcNow();
            foreach (var job in jobs)
            {
                _running.Add(job, now);
            }

            return jobs;
        }
    }

    private HashSet<Ulid> BusyTables() => [.. _running.Keys.SelectMany(j => j.L0Sources.Select(t => t.Id))];

    private HashSet<uint> BusyRuns() => [.. _running.Keys.SelectMany(j => j.RunSources.Select(r => r.Id))];

    // GC's cutoff input: outputs of a running job are younger than its start (bug #2).
    private DateTimeOffset? OldestRunningJobStart()
    {
        lock (_jobsLock)
        {
            return _running.Count == 0 ? null : _running.Values.Min();
        }
    }

    private async Task RunJobAsync(CompactionJob job, CancellationToken cancellationToken) =>
        await RunReservedJobAsync(job, cancellationToken).ConfigureAwait(false);

    private async Task RunReservedJobAsync(CompactionJob job, CancellationToken cancellationToken)
    {
        try
        {
            EngineLog.CompactionStarted(
                _logger, job.L0Sources.Length, string.Join(",", job.RunSources.Select(r => r.Id)), job.OutputRunId, job.SourceBytes, job.DropTombstones);
            var executor = new CompactionExecutor(_main, _sstSealer, _options, _ulids, Epoch, _segments, _readAheadBytes);
            var outputs = await executor.ExecuteAsync(job, cancellationToken).ConfigureAwait(false);
            var stored = await CommitAsync(job, outputs, cancellationToken).ConfigureAwait(false);
            lock (_jobsLock)
            {
                _lastCommittedId = Math.Max(_lastCommittedId, stored.Id);
            }

            EngineMetrics.CompactionJobs.Add(1);
            EngineMetrics.CompactionBytesRead.Add((long)job.SourceBytes);
            EngineMetrics.CompactionBytesWritten.Add(executor.BytesWritten);
            EngineLog.CompactionCommitted(_logger, stored.Id, job.OutputRunId, outputs.Length, executor.BytesWritten);
            if (_onCommitted is not null)
            {
                await _onCommitted(stored, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_jobsLock)
            {
                _running.Remove(job);
            }
        }
    }

    private static ImmutableArray<SortedRun> SortRuns(IEnumerable<SortedRun> runs) => [.. runs.OrderByDescending(r => r.Id)];
}
