using ZeroFs.Engine.Cache;
using ZeroFs.Engine.Format;
using ZeroFs.Engine.Iterators;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Forward cursor over one table: holds a reference to the current decoded block and walks it with
/// a <see cref="BlockIterator"/>; block fetches go through the reader (and its cache). Moving
/// forward past a block reads ahead (<see cref="SstReader.ReadAheadBytes"/>, coalesced GETs;
/// ENGINE.md §10) through a <see cref="BlockReadAhead"/>.
/// </summary>
internal sealed class SstIterator : IInternalIterator
{
    private readonly SstReader _reader;
    private readonly BlockIterator _cursor = new();
    private DecodedBlock? _block;
    private int _blockIndex = -1;
    private BlockReadAhead? _readAhead;

    /// <summary>Creates an unpositioned iterator over <paramref name="reader"/>.</summary>
    internal SstIterator(SstReader reader) => _reader = reader;

    /// <inheritdoc/>
    public bool IsValid => _cursor.IsValid;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Key => _cursor.Key;

    /// <inheritdoc/>
    public ulong Seq => _cursor.Seq;

    /// <inheritdoc/>
    public EntryKind Kind => _cursor.Kind;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Value => _cursor.Value;

    /// <inheritdoc/>
    public ValueTask<bool> SeekAsync(ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken = default)
    {
        var index = _reader.Index.FindBlock(userKey.Span);
        var load = LoadAsync(index, cancellationToken);
        if (load.IsCompletedSuccessfully)
        {
            load.GetAwaiter().GetResult();
            return _cursor.Seek(userKey.Span, InternalKey.MaxSeq) ? new ValueTask<bool>(true) : NextBlockAsync(cancellationToken);
        }

        return SeekSlowAsync(load, userKey, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> SeekToFirstAsync(CancellationToken cancellationToken = default)
    {
        await LoadAsync(0, cancellationToken).ConfigureAwait(false);
        return _cursor.SeekToFirst() || await NextBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        if (_block is null)
        {
            return new ValueTask<bool>(false);
        }

        return _cursor.MoveNext() ? new ValueTask<bool>(true) : NextBlockAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ReleaseBlock();
        _readAhead?.Dispose();
        _cursor.Dispose();
    }

    private async ValueTask<bool> SeekSlowAsync(ValueTask load, ReadOnlyMemory<byte> userKey, CancellationToken cancellationToken)
    {
        await load.ConfigureAwait(false);
        return _cursor.Seek(userKey.Span, InternalKey.MaxSeq) || await NextBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<bool> NextBlockAsync(CancellationToken cancellationToken)
    {
        while (_blockIndex + 1 < _reader.Index.Count)
        {
            if (_reader.ReadAheadBytes > 0)
            {
                _readAhead ??= new BlockReadAhead(_reader, _reader.ReadAheadBytes);
                var next = _blockIndex + 1;
                Install(next, await _readAhead.NextAsync(next, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                await LoadAsync(_blockIndex + 1, cancellationToken).ConfigureAwait(false);
            }

            if (_cursor.SeekToFirst())
            {
                return true;
            }
        }

        ReleaseBlock();
        return false;
    }

    private ValueTask LoadAsync(int index, CancellationToken cancellationToken)
    {
        if (_block is not null && _blockIndex == index)
        {
            return ValueTask.CompletedTask;
        }

        var read = _reader.ReadBlockAsync(index, cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            Install(index, read.Result);
            return ValueTask.CompletedTask;
        }

        return LoadSlowAsync(read, index);
    }

    private async ValueTask LoadSlowAsync(ValueTask<DecodedBlock> read, int index)
    {
        var block = await read.ConfigureAwait(false);
        Install(index, block);
    }

    private void Install(int index, DecodedBlock block)
    {
        ReleaseBlock();
        _block = block;
        _blockIndex = index;
        _cursor.Reset(block.Memory, block.Layout);
    }

    private void ReleaseBlock()
    {
        var block = _block;
        _block = null;
        _cursor.Reset(ReadOnlyMemory<byte>.Empty, new BlockLayout(0, 1));
        block?.Release();
    }
}
