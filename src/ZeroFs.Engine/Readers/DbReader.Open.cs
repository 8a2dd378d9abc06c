using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroFs.Crypto;
using ZeroFs.Engine.Checkpoints;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memtable;
using ZeroFs.Engine.Wal;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Readers;

/// <summary>Opening a reader: pinned to a checkpoint, or following with its own lease checkpoint.</summary>
public sealed partial class DbReader
{
    /// <summary>Opens a read-only database; see <see cref="Db.OpenReaderAsync"/>.</summary>
    internal static async Task<DbReader> OpenAsync(
        IObjectStore main,
        IObjectStore? wal,
        DataKey key,
        ReaderOptions options,
        TimeProvider time,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
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
                ? "A separate WAL store needs ReaderOptions.WalStoreTag."
                : "ReaderOptions.WalStoreTag is set but no separate WAL store was given.");
        }

        var logger = (ILogger?)loggerFactory?.CreateLogger<DbReader>() ?? NullLogger.Instance;
        var walTag = DbManifest.WalStoreName(separate ? options.WalStoreTag : null);
        var reader = new DbReader(main, wal ?? main, walTag, key, options, time, logger);
        try
        {
            if (options.Mode == ReaderMode.Pinned)
            {
                await reader.OpenPinnedAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await reader.OpenFollowAsync(cancellationToken).ConfigureAwait(false);
                reader._pollLoop = Task.Run(reader.PollLoopAsync, CancellationToken.None);
            }
        }
        catch
        {
            if (options.Mode == ReaderMode.Follow && reader._checkpointId != Guid.Empty)
            {
                await reader.ReleaseLeaseAsync().ConfigureAwait(false);
            }

            reader.DisposeResources();
            throw;
        }

        var state = reader._state;
        EngineLog.ReaderOpened(logger, options.Mode, state.Manifest.Id, state.Seq);
        return reader;
    }

    // Pinned: the checkpoint's manifest plus its WAL range (walReplayAfter, walNextHint), replayed
    // once; the state never changes afterwards.
    private async Task OpenPinnedAsync(CancellationToken cancellationToken)
    {
        var latest = await _manifests.ReadLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The store holds no manifest: no tree was ever created here.");
        var now = _time.GetUtcNow();
        var checkpoint = (_options.CheckpointId is { } id
                ? CheckpointList.FindLive(latest.Manifest, id, now)
                : CheckpointList.FindLive(latest.Manifest, _options.CheckpointName!, now))
            ?? throw new KeyNotFoundException($"Checkpoint '{_options.CheckpointId?.ToString() ?? _options.CheckpointName}' does not exist or has expired.");
        var pinned = checkpoint.ManifestId == latest.Id
            ? latest
            : await _manifests.TryReadAsync(checkpoint.ManifestId, cancellationToken).ConfigureAwait(false)
                ?? throw new CorruptionException($"checkpoint {checkpoint.Id} pins manifest {checkpoint.ManifestId}, which is missing");
        CheckWalStore(pinned.Manifest);
        var m = pinned.Manifest;
        var tables = await _tables.OpenAsync(m, cancellationToken).ConfigureAwait(false);
        var memtable = NewMemtable();
        var seq = m.LastL0Seq;
        var segments = 0;
        for (var segment = m.WalReplayAfter + 1; segment < m.WalNextHint; segment++)
        {
            var records = await WalRecovery.ReadSegmentAsync(_walStore, _walSealer, segment, cancellationToken).ConfigureAwait(false);
            if (records is null)
            {
                // Checkpoints created by the writer pin only written segments; an older pin may name
                // one that never got written (a crash): the log ends here.
                EngineLog.PinnedRangeShort(_logger, pinned.Id, segment, m.WalNextHint);
                break;
            }

            seq = Apply(memtable, records, seq);
            segments++;
        }

        memtable.Freeze();
        EngineMetrics.ReaderSegments.Add(segments);
        _checkpointId = checkpoint.Id;
        _state = new ReaderState(pinned, seq, new ReadView([memtable], tables));
    }

    // Follow: pin a lease checkpoint on the version being written, serve its tables, and replay the
    // WAL from its replay point to the current end of the log.
    private async Task OpenFollowAsync(CancellationToken cancellationToken)
    {
        var now = CheckpointList.Truncate(_time.GetUtcNow());
        var lease = new Checkpoint(_ids.Next(), 0, now, CheckpointList.ExpiryOf(now, _options.LeaseLifetime), null, CheckpointList.ReaderOwner);
        _checkpointId = lease.Id;
        var stored = await _editor.PinAsync(
            lease,
            latest =>
            {
                CheckWalStore(latest.Manifest);
                return latest.Manifest;
            },
            cancellationToken).ConfigureAwait(false);
        _leaseRefreshAt = now + (_options.LeaseLifetime / 2);
        _tableReaders = await _tables.OpenAsync(stored.Manifest, cancellationToken).ConfigureAwait(false);
        _nextWalId = stored.Manifest.WalReplayAfter + 1;
        _state = new ReaderState(stored, stored.Manifest.LastL0Seq, BuildView());
        await ReplayTailAsync(cancellationToken).ConfigureAwait(false);
    }

    // Applies a segment's batches above seq; returns the new visible seq. Batches at or below it are
    // already in the tables (or were applied before a jump) and are skipped whole.
    private static ulong Apply(SkipListMemtable memtable, List<WalRecord> records, ulong seq)
    {
        foreach (var record in records)
        {
            if (record.Seq <= seq)
            {
                continue;
            }

            memtable.Apply(record.Batch, record.Seq);
            seq = record.Seq;
        }

        return seq;
    }

    private ReadView BuildView()
    {
        var memtables = new SkipListMemtable[1 + _replayed.Length];
        memtables[0] = _tail;
        _replayed.CopyTo(memtables, 1);
        return new ReadView(memtables, _tableReaders);
    }
}
