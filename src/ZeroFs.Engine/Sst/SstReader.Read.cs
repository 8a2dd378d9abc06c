using System.Buffers;

namespace ZeroFs.Engine.Sst;

/// <summary>Point lookups and block reads (ENGINE.md §10: bloom → index → block).</summary>
internal sealed partial class SstReader
{
    /// <summary>
    /// Finds the newest version of <paramref name="userKey"/> with seq ≤ <paramref name="snapshot"/>.
    /// A found value is copied into <paramref name="value"/> (when given). Completes synchronously
    /// when the filter rules the key out or the block is cached.
    /// </summary>
    internal ValueTask<LookupResult> GetAsync(
        ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, CancellationToken cancellationToken = default)
    {
        var key = userKey.Span;
        if (!MayContain(key))
        {
            return new ValueTask<LookupResult>(LookupResult.NotFound);
        }

        var handle = Index.Handle(Index.FindBlock(key));
        if (_cache is not null && _cache.TryGet(new BlockCacheKey(TableId, handle.Offset), out var cached))
        {
            return new ValueTask<LookupResult>(SearchAndRelease(cached, key, snapshot, value));
        }

        return GetSlowAsync(this, userKey, snapshot, value, handle, cancellationToken);
    }

    /// <summary>False when the key is certainly not in this table (outside its key range or ruled out by the filter).</summary>
    internal bool MayContain(ReadOnlySpan<byte> userKey)
    {
        var p = Properties;
        if (userKey.SequenceCompareTo(p.MinKey) < 0 || userKey.SequenceCompareTo(p.MaxKey) > 0)
        {
            return false;
        }

        return Filter is null || Filter.MayContain(userKey);
    }

    /// <summary>Searches one decoded block (the warm path once a block is cached); does not release it.</summary>
    internal static LookupResult Search(DecodedBlock block, ReadOnlySpan<byte> userKey, ulong snapshot, IBufferWriter<byte>? value)
    {
        var span = block.Span;
        if (!BlockSearch.TryFind(span, block.Layout, userKey, snapshot, out var hit))
        {
            return LookupResult.NotFound;
        }

        if (hit.Header.Kind == EntryKind.Delete)
        {
            return new LookupResult(LookupStatus.Deleted, hit.Header.Seq, 0);
        }

        var length = hit.Header.ValueLength;
        if (value is not null && length > 0)
        {
            span.Slice(hit.ValueOffset, length).CopyTo(value.GetSpan(length));
            value.Advance(length);
        }

        return new LookupResult(LookupStatus.Found, hit.Header.Seq, length);
    }

    /// <summary>Returns data block <paramref name="blockIndex"/> with one reference owned by the caller.</summary>
    internal ValueTask<DecodedBlock> ReadBlockAsync(int blockIndex, CancellationToken cancellationToken = default)
    {
        var handle = Index.Handle(blockIndex);
        if (_cache is not null && _cache.TryGet(new BlockCacheKey(TableId, handle.Offset), out var cached))
        {
            return new ValueTask<DecodedBlock>(cached);
        }

        return LoadBlockAsync(handle, cancellationToken);
    }

    private static LookupResult SearchAndRelease(DecodedBlock block, ReadOnlySpan<byte> userKey, ulong snapshot, IBufferWriter<byte>? value)
    {
        try
        {
            return Search(block, userKey, snapshot, value);
        }
        finally
        {
            block.Release();
        }
    }

    private static async ValueTask<LookupResult> GetSlowAsync(
        SstReader reader, ReadOnlyMemory<byte> userKey, ulong snapshot, IBufferWriter<byte>? value, BlockHandle handle, CancellationToken cancellationToken)
    {
        var block = await reader.LoadBlockAsync(handle, cancellationToken).ConfigureAwait(false);
        return SearchAndRelease(block, userKey.Span, snapshot, value);
    }

    // A miss: joins (or starts) the single load of this block (SstReader.Load.cs).
    private ValueTask<DecodedBlock> LoadBlockAsync(BlockHandle handle, CancellationToken cancellationToken) =>
        new(_flights.LoadAsync(handle.Offset, (Reader: this, Handle: handle), static s => s.Reader.FetchBlockAsync(s.Handle), cancellationToken));
}
