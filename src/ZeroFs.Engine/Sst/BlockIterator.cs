using System.Buffers;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Forward cursor over one block. Rebuilds each prefix-compressed key into a rented buffer that
/// the cursor owns (one per cursor, not per entry). Reusable across blocks via <see cref="Reset"/>.
/// The current key and value stay valid until the next move or reset.
/// </summary>
internal sealed class BlockIterator : IDisposable
{
    private ReadOnlyMemory<byte> _block;
    private BlockLayout _layout;
    private byte[] _key = ArrayPool<byte>.Shared.Rent(256);
    private int _keyLength;
    private int _nextOffset;
    private EntryHeader _header;
    private int _valueOffset;

    /// <summary>True when positioned on an entry.</summary>
    internal bool IsValid { get; private set; }

    /// <summary>The current user key.</summary>
    internal ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>The current sequence number.</summary>
    internal ulong Seq => _header.Seq;

    /// <summary>The current entry kind.</summary>
    internal EntryKind Kind => _header.Kind;

    /// <summary>The current value (a slice of the block).</summary>
    internal ReadOnlyMemory<byte> Value => _block.Slice(_valueOffset, _header.ValueLength);

    /// <summary>Points the cursor at a block (unpositioned).</summary>
    internal void Reset(ReadOnlyMemory<byte> block, BlockLayout layout)
    {
        _block = block;
        _layout = layout;
        _keyLength = 0;
        _nextOffset = layout.DataEnd;
        IsValid = false;
    }

    /// <summary>Moves to the first entry.</summary>
    internal bool SeekToFirst()
    {
        _keyLength = 0;
        _nextOffset = 0;
        return MoveNext();
    }

    /// <summary>Moves to the first entry at or after (<paramref name="key"/>, <paramref name="seq"/>) in internal order.</summary>
    internal bool Seek(ReadOnlySpan<byte> key, ulong seq)
    {
        var span = _block.Span;
        var restart = BlockSearch.FindRestart(span, _layout, key, seq);
        _keyLength = 0;
        _nextOffset = _layout.RestartOffset(span, restart);
        while (MoveNext())
        {
            if (InternalKey.Compare(Key, Seq, key, seq) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Advances to the next entry; false (and invalid) at the end of the block.</summary>
    internal bool MoveNext()
    {
        if (_nextOffset >= _layout.DataEnd)
        {
            IsValid = false;
            return false;
        }

        var span = _block.Span;
        var pos = _nextOffset;
        if (!EntryCodec.TryReadHeader(span[pos.._layout.DataEnd], out var h) || h.Shared > _keyLength)
        {
            ThrowHelper.ThrowCorruption("malformed block entry");
        }

        var keyLength = h.Shared + h.SuffixLength;
        if (keyLength > _key.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(keyLength);
            _key.AsSpan(0, h.Shared).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_key);
            _key = bigger;
        }

        span.Slice(pos + h.HeaderLength, h.SuffixLength).CopyTo(_key.AsSpan(h.Shared));
        _keyLength = keyLength;
        _header = h;
        _valueOffset = pos + h.HeaderLength + h.SuffixLength;
        _nextOffset = pos + h.TotalLength;
        IsValid = true;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var key = _key;
        _key = [];
        _block = default;
        IsValid = false;
        if (key.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(key);
        }
    }
}
