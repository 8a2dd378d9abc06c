using System.Buffers;
using System.Collections.Immutable;
using ZeroFs.Crypto;
using ZeroFs.Engine.Iterators;
using ZeroFs.Engine.Manifest;
using ZeroFs.Engine.Sst;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Compaction;

/// <summary>
/// Runs one job (ENGINE.md §9 Execute): a k-way merge of the source tables → retention (the newest
/// version of every key, plus every version with seq ≥ retainSeqFloor) → tombstones dropped only
/// when the output is the oldest run and no kept older version sits beneath them → output tables
/// cut at the first user-key boundary past MaxTableBytes, uploaded CreateOnly as they finish.
/// Uploaded outputs stay unreferenced until the commit; a failed job leaves them to GC.
/// </summary>
internal sealed class CompactionExecutor(IObjectStore store, BlockSealer sealer, CompactorOptions options, UlidGenerator ulids, ulong epoch)
{
    /// <summary>Object metadata naming the role that wrote a table (GC tells compaction outputs from unpublished L0s).</summary>
    internal const string RoleMetadataKey = "zf-table-role";

    /// <summary>The <see cref="RoleMetadataKey"/> value of compaction outputs.</summary>
    internal const string CompactorRole = "compactor";

    private const int ReadAheadBytes = 4 * 1024 * 1024;
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
        var readAhead = new ReadAheadObjectStore(store, ReadAheadBytes); // dropped with the job (no unmanaged state)
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

                foreach (var seq in _heldTombstones)
                {
                    Writer().Add(merge.Key, seq, EntryKind.Delete, []);
                }

                _heldTombstones.Clear();
                Writer().Add(merge.Key, merge.Seq, merge.Kind, merge.Value.Span);
            }

            await FinishTableAsync(cancellationToken).ConfigureAwait(false);
            return [.. _outputs];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(key);
            _writer?.Dispose();
            _writer = null;
        }
    }

    private SstWriter Writer()
    {
        if (_writer is null)
        {
            // Minted when the table starts, so its ULID time is after the job started (GC cutoff).
            _writerId = ulids.Next();
            _writer = new SstWriter(_writerId, sealer, options.Sst, SstCreator.Compactor, epoch);
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

        using var writer = _writer;
        _writer = null;
        using var built = writer.Finish();

        // CreateOnly: never replace an object (a taken ULID is a bug or a collision, not a retry).
        var put = await store.PutAsync(SstInfo.ObjectKey(_writerId), built.Body, PutCondition.CreateOnly, OutputMetadata, cancellationToken).ConfigureAwait(false);
        if (!put.IsOk)
        {
            throw new EngineFailedException($"uploading compaction output {_writerId} failed ({put.Status}): the table id is already taken");
        }

        _bytesWritten += built.Body.Length;
        _outputs.Add(TableRef.FromInfo(built.Info));
    }
}
