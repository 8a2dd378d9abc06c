using System.Buffers;
using System.Collections.Immutable;
using ZeroFs.Crypto;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Memory;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Runs one job (ENGINE.md §9 Execute): a k-way merge of the source tables → retention (the newest
/// version of every key, plus every version with seq ≥ retainSeqFloor) → tombstones dropped only
/// when the output is the oldest run and no kept older version sits beneath them → output tables
/// cut at the first user-key boundary past MaxTableBytes, each streamed CreateOnly in parts of
/// pooled segments while it is written (decision engine-0004), so a job holds a few segments and
/// one read-ahead window per source, whatever the table sizes. Uploaded outputs stay unreferenced
/// until the commit; a failed job leaves them to GC.
/// </summary>
internal sealed class CompactionExecutor(
    IObjectStore store, BlockSealer sealer, CompactorOptions options, UlidGenerator ulids, ulong epoch, SegmentPool segments, ByteCounter readAheadBytes)
{
    /// <summary>Object metadata naming the role that wrote a table (GC tells compaction outputs from unpublished L0s).</summary>
    internal const string RoleMetadataKey = "zf-table-role";

    /// <summary>The <see cref="RoleMetadataKey"/> value of compaction outputs.</summary>
    internal const string CompactorRole = "compactor";

    /// <summary>The read-ahead window per source table.</summary>
    internal const int ReadAheadBytes = 4 * 1024 * 1024;

    private static readonly Dictionary<string, string> OutputMetadata = new() { [RoleMetadataKey] = CompactorRole };

    private readonly List<TableRef> _outputs = [];
    private readonly List<ulong> _heldTombstones = [];
    private SstWriter? _writer;
    private Ulid _writerId;
    private long _bytesWritten;

    /// <summary>Bytes uploaded so far.</summary>
    internal long BytesWritten => _bytesWritten;

    /// <summary>Merges the sources of <paramref name="job"/> and returns the output tables in key order (empty if nothing survives).</summary>
    internal async Task<ImmutableArray<TableRef>> ExecuteAsync(CompactionJob job, CancellationToken cancellationToken)
    {
        var readAhead = new ReadAheadObjectStore(store, ReadAheadBytes, job.L0Sources.Length + job.RunSources.Length + 1, readAheadBytes);
        await using var releaseWindows = readAhead.ConfigureAwait(false);
        var readers = await TreeLoader.OpenTablesAsync(readAhead, sealer, job.Tables, cancellationToken).ConfigureAwait(false);
        var sources = new List<IInternalIterator>();
        sources.AddRange(job.L0Sources.Select(t => (IInternalIterator)new SstIterator(readers[t.Id])));
        sources.AddRange(job.RunSources.Select(r => (IInternalIterator)new RunIterator(new RunReader(r.Id, [.. r.Tables.Select(t => readers[t.Id])]))));
        var key = ArrayPool<byte>.Shared.Rent(256);
        try
        {
            using var merge = new MergingIterator([.. sources]);
            var keyLength = -1;
            var lastSeq = 0UL;
            var kept = 0;
            for (var valid = await merge.SeekToFirstAsync(cancellationToken).ConfigureAwait(false);
                 valid;
                 valid = await merge.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                var newKey = keyLength < 0 || !merge.Key.SequenceEqual(key.AsSpan(0, keyLength));
                if (!newKey && merge.Seq == lastSeq)
                {
                    continue; // the same version in two sources (newest source came first)
                }

                if (newKey)
                {
                    _heldTombstones.Clear(); // bottom run: nothing older survived beneath them
                    await CutIfFullAsync(cancellationToken).ConfigureAwait(false);
                    if (merge.Key.Length > key.Length)
                    {
                        ArrayPool<byte>.Shared.Return(key);
                        key = ArrayPool<byte>.Shared.Rent(merge.Key.Length);
                    }

                    merge.Key.CopyTo(key);
                    keyLength = merge.Key.Length;
                    kept = 0;
                }

                lastSeq = merge.Seq;
                if (kept > 0 && merge.Seq < job.RetainSeqFloor)
                {
                    continue; // an older version no snapshot can see
                }

                kept++;
                if (job.DropTombstones && merge.Kind == EntryKind.Delete)
                {
                    _heldTombstones.Add(merge.Seq);
                    continue;
                }

                var writer = Writer();
                foreach (var seq in _heldTombstones)
                {
                    writer.Add(merge.Key, seq, EntryKind.Delete, []);
                }

                _heldTombstones.Clear();
                writer.Add(merge.Key, merge.Seq, merge.Kind, merge.Value.Span);
                if (writer.HasPendingPart)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await FinishTableAsync(cancellationToken).ConfigureAwait(false);
            return [.. _outputs];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(key);
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
    }

    private SstWriter Writer()
    {
        if (_writer is null)
        {
            // Minted when the table starts, so its ULID time is after the job started (GC cutoff).
            _writerId = ulids.Next();
            var upload = store.StartUpload(SstInfo.ObjectKey(_writerId), PutCondition.CreateOnly, OutputMetadata);
            _writer = new SstWriter(_writerId, sealer, options.Sst, new TableOutput(segments, upload), SstCreator.Compactor, epoch);
        }

        return _writer;
    }

    private Task CutIfFullAsync(CancellationToken cancellationToken) =>
        _writer is not null && _writer.EstimatedSize >= options.MaxTableBytes ? FinishTableAsync(cancellationToken) : Task.CompletedTask;

    private async Task FinishTableAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }

        var writer = _writer;
        _writer = null;
        await using var release = writer.ConfigureAwait(false);

        // CreateOnly: never replace an object (a taken ULID is a bug or a collision, not a retry).
        var built = await writer.FinishAsync(cancellationToken).ConfigureAwait(false);
        if (!built.Put.IsOk)
        {
            throw new EngineFailedException($"uploading compaction output {_writerId} failed ({built.Put.Status}): the table id is already taken");
        }

        _bytesWritten += built.Info.Size;
        _outputs.Add(TableRef.FromInfo(built.Info));
    }
}
