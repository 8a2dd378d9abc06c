using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Crypto;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Builds one table (ENGINE.md §6; docs/formats/sst.md):
/// <c>[sealed data blocks] [meta region: u32 filterLen, u32 indexLen, sealed filter?, sealed index,
/// sealed properties] [32-byte tail]</c>. Entries must arrive in strictly increasing internal order.
/// Blocks are cut only between user keys, so one key's versions never span two blocks; an entry
/// larger than the target becomes a block of its own. Sealed bytes stream into a
/// <see cref="TableOutput"/> (upload parts of pooled segments), so memory does not grow with the
/// table: after <see cref="Add"/>, call <see cref="FlushAsync"/> when <see cref="HasPendingPart"/>.
/// </summary>
internal sealed class SstWriter : IAsyncDisposable
{
    private readonly Ulid _tableId;
    private readonly BlockSealer _sealer;
    private readonly SstWriterOptions _options;
    private readonly SstCreator _createdBy;
    private readonly ulong _epoch;
    private readonly BlockBuilder _block;
    private readonly BlockBuilder _index = new(4096);
    private readonly List<ulong> _keyHashes = new(1024);
    private TableOutput? _output;
    private byte[] _lastKey = ArrayPool<byte>.Shared.Rent(256);
    private int _lastKeyLength;
    private ulong _lastSeq;
    private byte[] _separator = ArrayPool<byte>.Shared.Rent(256);
    private int _separatorLength;
    private ulong _blockFirstSeq;
    private byte[]? _minKey;
    private ulong _entries;
    private ulong _tombstones;
    private ulong _minSeq = ulong.MaxValue;
    private ulong _maxSeq;
    private ulong _rawKeyBytes;
    private ulong _rawValueBytes;
    private ulong _dataBlocks;

    /// <summary>Starts table <paramref name="tableId"/>, written to <paramref name="output"/> (owned: disposed with the writer).</summary>
    internal SstWriter(Ulid tableId, BlockSealer sealer, SstWriterOptions options, TableOutput output, SstCreator createdBy = SstCreator.Writer, ulong epoch = 0)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        _tableId = tableId;
        _sealer = sealer;
        _options = options;
        _createdBy = createdBy;
        _epoch = epoch;
        _block = new BlockBuilder(options.BlockBytes);
        _output = output;
    }

    /// <summary>Entries added so far.</summary>
    internal ulong EntryCount => _entries;

    /// <summary>Approximate object size if finished now (for cutting compaction output).</summary>
    internal long EstimatedSize => Output.Length + _block.EstimatedSize + (_keyHashes.Count * _options.BloomBitsPerKey / 8);

    /// <summary>A full part of the table waits to be uploaded by <see cref="FlushAsync"/>.</summary>
    internal bool HasPendingPart => Output.HasReadyPart;

    private TableOutput Output => _output ?? throw new ObjectDisposedException(nameof(SstWriter));

    /// <summary>Starts uploading the parts that are full (at most one upload runs while the writer seals on).</summary>
    internal Task FlushAsync(CancellationToken cancellationToken) => Output.FlushAsync(cancellationToken);

    /// <summary>Appends an entry; keys must be 1..64 KiB and strictly increasing in internal order.</summary>
    internal void Add(ReadOnlySpan<byte> key, ulong seq, EntryKind kind, ReadOnlySpan<byte> value)
    {
        KeyLimits.Validate(key, value.Length);
        if (kind is not (EntryKind.Put or EntryKind.Delete))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only Put and Delete entries can be stored.");
        }

        var newUserKey = true;
        if (_entries > 0)
        {
            var last = _lastKey.AsSpan(0, _lastKeyLength);
            var c = InternalKey.Compare(last, _lastSeq, key, seq);
            if (c >= 0)
            {
                ThrowHelper.ThrowOutOfOrder();
            }

            newUserKey = !last.SequenceEqual(key);
        }

        if (newUserKey)
        {
            if (!_block.IsEmpty && _block.EstimatedSize + BlockBuilder.EstimatedEntrySize(key.Length, value.Length) > _options.BlockBytes)
            {
                FlushBlock();
            }

            _keyHashes.Add(BloomFilter.Hash(key));
        }

        if (_block.IsEmpty)
        {
            StartBlock(key, seq);
        }

        _block.Add(key, seq, kind, value);
        if (newUserKey)
        {
            Remember(ref _lastKey, ref _lastKeyLength, key);
        }

        _lastSeq = seq;
        _minKey ??= key.ToArray();
        _entries++;
        _tombstones += kind == EntryKind.Delete ? 1UL : 0UL;
        _minSeq = Math.Min(_minSeq, seq);
        _maxSeq = Math.Max(_maxSeq, seq);
        _rawKeyBytes += (ulong)key.Length;
        _rawValueBytes += (ulong)value.Length;
    }

    /// <summary>
    /// Seals the remaining blocks and the metadata, writes the tail and completes the upload. The
    /// caller checks <see cref="SstBuildResult.Put"/> (a create-only upload can lose).
    /// </summary>
    internal async Task<SstBuildResult> FinishAsync(CancellationToken cancellationToken)
    {
        if (_entries == 0)
        {
            throw new InvalidOperationException("A table needs at least one entry.");
        }

        FlushBlock();
        var output = Output;
        var metaOffset = output.Length;

        // The meta region is sealed aside first: its directory (filter and index lengths) comes
        // before the blocks it describes, and the AADs need each block's final offset.
        using var meta = new PooledBuffer(16 * 1024);
        meta.GetSpan(8)[..8].Clear();
        meta.Advance(8);
        using var plain = new PooledBuffer(4096);
        var filterLength = 0;
        ushort flags = 0;
        if (_keyHashes.Count >= _options.MinFilterKeys && _keyHashes.Count > 0)
        {
            BloomFilter.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keyHashes), _options.BloomBitsPerKey, _options.BloomProbes, plain);
            filterLength = SealBlock(plain.WrittenSpan, BlockKind.Filter, meta, metaOffset);
            flags |= SstTail.FlagHasFilter;
        }

        var indexLength = SealBlock(_index.Finish(), BlockKind.Index, meta, metaOffset);
        var properties = new SstProperties
        {
            EntryCount = _entries,
            TombstoneCount = _tombstones,
            MinKey = _minKey!,
            MaxKey = _lastKey.AsSpan(0, _lastKeyLength).ToArray(),
            MinSeq = _minSeq,
            MaxSeq = _maxSeq,
            RawKeyBytes = _rawKeyBytes,
            RawValueBytes = _rawValueBytes,
            DataBlockCount = _dataBlocks,
            CreatedBy = _createdBy,
            Epoch = _epoch,
        };
        plain.Clear();
        SstPropertiesCodec.Write(properties, plain);
        SealBlock(plain.WrittenSpan, BlockKind.Properties, meta, metaOffset);

        var directory = meta.WrittenSpanMutable;
        BinaryPrimitives.WriteUInt32LittleEndian(directory, (uint)filterLength);
        BinaryPrimitives.WriteUInt32LittleEndian(directory[4..], (uint)indexLength);
        var metaLength = meta.Length;
        output.Write(meta.WrittenSpan);

        var tail = new SstTail(metaOffset, metaLength, SstTail.CurrentVersion, flags);
        tail.Write(output.GetSpan(SstTail.Length));
        output.Advance(SstTail.Length);

        var size = output.Length;
        var put = await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        var info = new SstInfo(_tableId, size, metaOffset, metaLength, SstTail.CurrentVersion, properties);
        return new SstBuildResult(info, put);
    }

    /// <summary>Returns the buffers and abandons the upload unless <see cref="FinishAsync"/> completed it.</summary>
    public async ValueTask DisposeAsync()
    {
        var output = _output;
        _output = null;
        _block.Dispose();
        _index.Dispose();
        ReturnArray(ref _lastKey);
        ReturnArray(ref _separator);
        if (output is not null)
        {
            await output.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void StartBlock(ReadOnlySpan<byte> firstKey, ulong firstSeq)
    {
        // Shortest S with lastKey(previous block) < S <= firstKey: firstKey cut one byte past the
        // common prefix. The first block's separator is empty (sorts before every key).
        var length = 0;
        if (_entries > 0)
        {
            var previous = _lastKey.AsSpan(0, _lastKeyLength);
            length = previous.CommonPrefixLength(firstKey) + 1;
        }

        Remember(ref _separator, ref _separatorLength, firstKey[..length]);
        _blockFirstSeq = firstSeq;
    }

    private void FlushBlock()
    {
        if (_block.IsEmpty)
        {
            return;
        }

        var offset = Output.Length;
        var length = SealBlock(_block.Finish(), BlockKind.Data);
        Span<byte> handle = stackalloc byte[SstIndex.HandleLength];
        SstIndex.WriteHandle(handle, new BlockHandle(offset, length));
        _index.Add(_separator.AsSpan(0, _separatorLength), _blockFirstSeq, EntryKind.Put, handle);
        _block.Reset();
        _dataBlocks++;
    }

    private int SealBlock(ReadOnlySpan<byte> plaintext, BlockKind kind)
    {
        var output = Output;
        Span<byte> aad = stackalloc byte[SstAad.Length];
        SstAad.Write(aad, _tableId, output.Length, kind);
        var destination = output.GetSpan(BlockSealer.MaxSealedLength(plaintext.Length));
        var written = _sealer.Seal(plaintext, aad, destination);
        output.Advance(written);
        return written;
    }

    // Seals a meta block into `meta`, which will be written at table offset `metaOffset`.
    private int SealBlock(ReadOnlySpan<byte> plaintext, BlockKind kind, PooledBuffer meta, long metaOffset)
    {
        Span<byte> aad = stackalloc byte[SstAad.Length];
        SstAad.Write(aad, _tableId, metaOffset + meta.Length, kind);
        var destination = meta.GetSpan(BlockSealer.MaxSealedLength(plaintext.Length));
        var written = _sealer.Seal(plaintext, aad, destination);
        meta.Advance(written);
        return written;
    }

    private static void Remember(ref byte[] buffer, ref int length, ReadOnlySpan<byte> key)
    {
        if (key.Length > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(key.Length);
        }

        key.CopyTo(buffer);
        length = key.Length;
    }

    private static void ReturnArray(ref byte[] buffer)
    {
        var b = buffer;
        buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }
}
