using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Crypto;
using ZeroFs.ObjectStore;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// An open table: its decoded filter, index and properties (fetched with ONE ranged GET of the
/// meta region whose location the manifest holds), plus block reads through an optional
/// <see cref="IBlockCache"/>. Immutable and thread-safe; many gets and iterators share it.
/// </summary>
internal sealed partial class SstReader
{
    private readonly IObjectStore _store;
    private readonly BlockSealer _sealer;
    private readonly IBlockCache? _cache;
    private readonly string _objectKey;

    private SstReader(IObjectStore store, BlockSealer sealer, IBlockCache? cache, SstInfo info, BloomFilter? filter, SstIndex index)
    {
        _store = store;
        _sealer = sealer;
        _cache = cache;
        Info = info;
        Filter = filter;
        Index = index;
        _objectKey = SstInfo.ObjectKey(info.TableId);
    }

    /// <summary>The table's location and statistics.</summary>
    internal SstInfo Info { get; }

    /// <summary>The table id.</summary>
    internal Ulid TableId => Info.TableId;

    /// <summary>Statistics, key and seq bounds.</summary>
    internal SstProperties Properties => Info.Properties;

    /// <summary>The bloom filter, when the table has one.</summary>
    internal BloomFilter? Filter { get; }

    /// <summary>The block index.</summary>
    internal SstIndex Index { get; }

    /// <summary>
    /// Opens table <paramref name="tableId"/> from the location the manifest recorded. Issues exactly
    /// one ranged GET (filter + index + properties); the tail is not read.
    /// </summary>
    internal static async Task<SstReader> OpenAsync(
        IObjectStore store,
        BlockSealer sealer,
        Ulid tableId,
        long size,
        long metaOffset,
        int metaLength,
        IBlockCache? cache = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sealer);
        if (metaOffset < 0 || metaLength < 8 || metaOffset + metaLength + SstTail.Length != size)
        {
            throw new CorruptionException($"SST {tableId}: meta location ({metaOffset}, {metaLength}) does not fit size {size}");
        }

        var key = SstInfo.ObjectKey(tableId);
        using var meta = await store.GetAsync(key, ByteRange.FromOffset(metaOffset, metaLength), cancellationToken).ConfigureAwait(false)
            ?? throw new CorruptionException($"SST object {key} is missing");
        if (meta.Length != metaLength || meta.Meta.Size != size)
        {
            throw new CorruptionException($"SST {tableId}: got {meta.Length} meta bytes of an object of {meta.Meta.Size}, expected {metaLength} of {size}");
        }

        return Decode(store, sealer, cache, tableId, size, metaOffset, meta.Data.Span);
    }

    /// <summary>Reads and checks the plaintext tail (tools and repair; the normal open path never needs it).</summary>
    internal static async Task<(long MetaOffset, int MetaLength, long Size)> ReadTailAsync(
        IObjectStore store, Ulid tableId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var key = SstInfo.ObjectKey(tableId);
        using var tail = await store.GetAsync(key, ByteRange.Suffix(SstTail.Length), cancellationToken).ConfigureAwait(false)
            ?? throw new CorruptionException($"SST object {key} is missing");
        var parsed = SstTail.Parse(tail.Data.Span, tail.Meta.Size);
        return (parsed.MetaOffset, parsed.MetaLength, tail.Meta.Size);
    }

    private static SstReader Decode(
        IObjectStore store, BlockSealer sealer, IBlockCache? cache, Ulid tableId, long size, long metaOffset, ReadOnlySpan<byte> meta)
    {
        var filterLength = BinaryPrimitives.ReadUInt32LittleEndian(meta);
        var indexLength = BinaryPrimitives.ReadUInt32LittleEndian(meta[4..]);
        if ((ulong)filterLength + indexLength + 8 >= (ulong)meta.Length || indexLength == 0)
        {
            throw new CorruptionException($"SST {tableId}: meta directory lengths out of range");
        }

        var filterSealed = meta.Slice(8, (int)filterLength);
        var indexSealed = meta.Slice(8 + (int)filterLength, (int)indexLength);
        var propertiesStart = 8 + (int)filterLength + (int)indexLength;
        var propertiesSealed = meta[propertiesStart..];

        BloomFilter? filter = null;
        if (filterLength > 0)
        {
            var buffer = SstBlockDecoder.Unseal(sealer, filterSealed, tableId, metaOffset + 8, BlockKind.Filter, out var n);
            try
            {
                filter = BloomFilter.Parse(buffer.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        SstIndex index;
        var indexBuffer = SstBlockDecoder.Unseal(sealer, indexSealed, tableId, metaOffset + 8 + filterLength, BlockKind.Index, out var indexPlain);
        try
        {
            index = SstIndex.Parse(indexBuffer.AsSpan(0, indexPlain), metaOffset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(indexBuffer);
        }

        SstProperties properties;
        var propertiesBuffer = SstBlockDecoder.Unseal(
            sealer, propertiesSealed, tableId, metaOffset + propertiesStart, BlockKind.Properties, out var propertiesPlain);
        try
        {
            properties = SstPropertiesCodec.Parse(propertiesBuffer.AsSpan(0, propertiesPlain));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(propertiesBuffer);
        }

        if (properties.DataBlockCount != (ulong)index.Count)
        {
            throw new CorruptionException($"SST {tableId}: properties and index disagree on the block count");
        }

        var info = new SstInfo(tableId, size, metaOffset, meta.Length, SstTail.CurrentVersion, properties);
        return new SstReader(store, sealer, cache, info, filter, index);
    }
}
