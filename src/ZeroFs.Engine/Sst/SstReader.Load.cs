using ZeroFs.Crypto;
using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Manifest;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Store reads of data blocks (ENGINE.md §10): single-flight misses and the coalesced ranged GETs
/// of scan read-ahead. Every block read here is unsealed once and offered to the block cache.
/// </summary>
internal sealed partial class SstReader
{
    private readonly BlockFlights _flights = new();
    private long _blockLoads;
    private long _metadataBytes;

    /// <summary>Bytes a forward scan of this table reads ahead (0 = no read-ahead); set once at open.</summary>
    internal int ReadAheadBytes { get; private set; }

    /// <summary>Data blocks read from the store and unsealed by this reader (misses, read-ahead included).</summary>
    internal long BlockLoads => Volatile.Read(ref _blockLoads);

    /// <summary>The block cache this reader reads through, if any.</summary>
    internal IBlockCache? BlockCache => _cache;

    /// <summary>Approximate bytes of decoded metadata this reader keeps (filter, index, properties).</summary>
    internal long MetadataBytes
    {
        get
        {
            if (_metadataBytes == 0)
            {
                _metadataBytes = ComputeMetadataBytes();
            }

            return _metadataBytes;
        }
    }

    /// <summary>Opens <paramref name="table"/> through <paramref name="cache"/>, with scan read-ahead of <paramref name="readAheadBytes"/>.</summary>
    internal static async Task<SstReader> OpenAsync(
        IObjectStore store, BlockSealer sealer, TableRef table, IBlockCache? cache, int readAheadBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var reader = await OpenAsync(
            store, sealer, table.Id, checked((long)table.Size), checked((long)table.MetaOffset), checked((int)table.MetaLength), cache, cancellationToken)
            .ConfigureAwait(false);
        reader.ReadAheadBytes = Math.Max(0, readAheadBytes);
        return reader;
    }

    /// <summary>
    /// Reads <paramref name="count"/> consecutive data blocks from <paramref name="first"/>: cached
    /// blocks come from the cache, each run of contiguous uncached blocks is ONE ranged GET.
    /// </summary>
    /// <returns>The blocks, each with one reference owned by the caller.</returns>
    internal async Task<DecodedBlock[]> ReadBlocksAsync(int first, int count, CancellationToken cancellationToken)
    {
        var blocks = new DecodedBlock?[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                var handle = Index.Handle(first + i);
                if (_cache is not null && _cache.TryGet(new BlockCacheKey(TableId, handle.Offset), out var cached))
                {
                    blocks[i] = cached;
                }
            }

            var start = 0;
            while (start < count)
            {
                if (blocks[start] is not null)
                {
                    start++;
                    continue;
                }

                var end = start;
                while (end + 1 < count && blocks[end + 1] is null && Adjacent(first + end, first + end + 1))
                {
                    end++;
                }

                if (end == start)
                {
                    blocks[start] = await LoadBlockAsync(Index.Handle(first + start), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await FetchRunAsync(first + start, end - start + 1, blocks, start, cancellationToken).ConfigureAwait(false);
                }

                start = end + 1;
            }

            return blocks!;
        }
        catch
        {
            foreach (var block in blocks)
            {
                block?.Release();
            }

            throw;
        }
    }

    // The body of a single-flight load: one ranged GET, one unseal, one cache offer.
    private async Task<DecodedBlock> FetchBlockAsync(BlockHandle handle)
    {
        using var sealedBlock = await _store.GetAsync(_objectKey, ByteRange.FromOffset(handle.Offset, handle.Length), CancellationToken.None)
            .ConfigureAwait(false) ?? throw new CorruptionException($"SST object {_objectKey} is missing");
        if (sealedBlock.Length != handle.Length)
        {
            throw new CorruptionException($"SST {TableId}: block at {handle.Offset} came back with {sealedBlock.Length} of {handle.Length} bytes");
        }

        return Unsealed(handle, sealedBlock.Data.Span);
    }

    private async Task FetchRunAsync(int first, int count, DecodedBlock?[] into, int at, CancellationToken cancellationToken)
    {
        var head = Index.Handle(first);
        var tail = Index.Handle(first + count - 1);
        var length = tail.Offset + tail.Length - head.Offset;
        using var run = await _store.GetAsync(_objectKey, ByteRange.FromOffset(head.Offset, length), cancellationToken)
            .ConfigureAwait(false) ?? throw new CorruptionException($"SST object {_objectKey} is missing");
        if (run.Length != length)
        {
            throw new CorruptionException($"SST {TableId}: blocks at {head.Offset} came back with {run.Length} of {length} bytes");
        }

        for (var i = 0; i < count; i++)
        {
            var handle = Index.Handle(first + i);
            into[at + i] = Unsealed(handle, run.Data.Span.Slice((int)(handle.Offset - head.Offset), handle.Length));
        }
    }

    private DecodedBlock Unsealed(BlockHandle handle, ReadOnlySpan<byte> sealedBlock)
    {
        var block = SstBlockDecoder.UnsealDataBlock(_sealer, sealedBlock, TableId, handle.Offset);
        Interlocked.Increment(ref _blockLoads);
        CacheMetrics.BlockLoads.Add(1);
        _cache?.Insert(new BlockCacheKey(TableId, handle.Offset), block);
        return block;
    }

    private bool Adjacent(int a, int b)
    {
        var x = Index.Handle(a);
        return x.Offset + x.Length == Index.Handle(b).Offset;
    }

    private long ComputeMetadataBytes()
    {
        // Index arrays: offset (8), length (4), first seq (8), key start (4) per block, plus the separators.
        long bytes = 256 + (Filter?.ByteLength ?? 0) + (long)Index.Count * 24 + Properties.MinKey.Length + Properties.MaxKey.Length;
        for (var i = 0; i < Index.Count; i++)
        {
            bytes += Index.Separator(i).Length;
        }

        return bytes;
    }
}
