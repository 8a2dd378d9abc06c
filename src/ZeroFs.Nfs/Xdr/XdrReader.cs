using System.Buffers.Binary;

namespace ZeroFs.Nfs.Xdr;

/// <summary>
/// Bounds-checked big-endian XDR reader (RFC 4506) over one RPC record. Every method returns false
/// instead of reading past the end or accepting a value XDR forbids, so malformed input can only
/// produce a clean failure (GARBAGE_ARGS), never an exception.
/// </summary>
/// <remarks>
/// Created over a <see cref="ReadOnlyMemory{T}"/>, it can also hand out variable-length data as
/// memory slices of that buffer (<see cref="TryReadOpaqueMemory"/>): decoded names and WRITE data
/// then cross an <c>await</c> without a copy. Created over a bare span it reads everything else.
/// </remarks>
public ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _span;
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly bool _hasMemory;
    private int _position;

    /// <summary>Creates a reader at the start of <paramref name="span"/>; <see cref="TryReadOpaqueMemory"/> always fails on it.</summary>
    public XdrReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _memory = default;
        _hasMemory = false;
        _position = 0;
    }

    /// <summary>Creates a reader at the start of <paramref name="memory"/>.</summary>
    public XdrReader(ReadOnlyMemory<byte> memory)
    {
        _span = memory.Span;
        _memory = memory;
        _hasMemory = true;
        _position = 0;
    }

    /// <summary>The bytes consumed so far (slices are relative to the span's start).</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = (uint)value <= (uint)_span.Length ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>The number of bytes not yet consumed.</summary>
    public readonly int Remaining => _span.Length - _position;

    /// <summary>Reads an unsigned int (4 bytes).</summary>
    public bool TryReadUInt32(out uint value)
    {
        if (BinaryPrimitives.TryReadUInt32BigEndian(_span[_position..], out value))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads an unsigned hyper (8 bytes).</summary>
    public bool TryReadUInt64(out ulong value)
    {
        if (BinaryPrimitives.TryReadUInt64BigEndian(_span[_position..], out value))
        {
            _position += 8;
            return true;
        }

        return false;
    }

    /// <summary>Reads a bool: 0 or 1, anything else fails (RFC 4506 §4.4).</summary>
    public bool TryReadBool(out bool value)
    {
        if (TryReadUInt32(out var raw) && raw <= 1)
        {
            value = raw == 1;
            return true;
        }

        value = false;
        return false;
    }

    /// <summary>Reads fixed-length opaque data of <paramref name="length"/> bytes plus its padding to a multiple of four.</summary>
    public bool TryReadFixedOpaque(int length, out ReadOnlySpan<byte> value)
    {
        var padded = (length + 3) & ~3;
        if (length >= 0 && padded <= Remaining)
        {
            value = _span.Slice(_position, length);
            _position += padded;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads variable-length opaque data or a string (<c>length[4] bytes pad</c>) of at most <paramref name="maxLength"/> bytes.</summary>
    public bool TryReadOpaque(int maxLength, out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt32(out var length) && length <= (uint)maxLength && TryReadFixedOpaque((int)length, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }

    /// <summary>Like <see cref="TryReadOpaque"/>, as a slice of the memory the reader was created over (false on a span-only reader).</summary>
    public bool TryReadOpaqueMemory(int maxLength, out ReadOnlyMemory<byte> value)
    {
        var start = _position;
        if (_hasMemory && TryReadOpaque(maxLength, out var span))
        {
            value = _memory.Slice(_position - ((span.Length + 3) & ~3), span.Length);
            return true;
        }

        _position = start;
        value = default;
        return false;
    }
}
