using System.Buffers.Binary;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// Bounds-checked little-endian reader over one message body. Every method returns false instead of
/// reading past the end, so malformed input can only produce a clean failure.
/// </summary>
public ref struct NinePReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    /// <summary>Creates a reader at the start of <paramref name="span"/>.</summary>
    /// <param name="span">The bytes to read.</param>
    public NinePReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    /// <summary>Gets a value indicating whether every byte has been consumed.</summary>
    public readonly bool IsAtEnd => _position == _span.Length;

    /// <summary>Gets the number of bytes consumed.</summary>
    public readonly int Consumed => _position;

    /// <summary>Gets the bytes not yet consumed.</summary>
    public readonly ReadOnlySpan<byte> Remaining => _span[_position..];

    /// <summary>Reads one byte.</summary>
    /// <param name="value">The value read.</param>
    /// <returns>False when no byte is left.</returns>
    public bool TryReadByte(out byte value)
    {
        if (_position < _span.Length)
        {
            value = _span[_position++];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Reads a little-endian 16-bit value.</summary>
    /// <param name="value">The value read.</param>
    /// <returns>False when fewer than 2 bytes are left.</returns>
    public bool TryReadUInt16(out ushort value)
    {
        if (BinaryPrimitives.TryReadUInt16LittleEndian(Remaining, out value))
        {
            _position += 2;
            return true;
        }

        return false;
    }

    /// <summary>Reads a little-endian 32-bit value.</summary>
    /// <param name="value">The value read.</param>
    /// <returns>False when fewer than 4 bytes are left.</returns>
    public bool TryReadUInt32(out uint value)
    {
        if (BinaryPrimitives.TryReadUInt32LittleEndian(Remaining, out value))
        {
            _position += 4;
            return true;
        }

        return false;
    }

    /// <summary>Reads a 32-bit value if any bytes remain, else yields 0 (Tfsync's datasync, which older clients omit).</summary>
    /// <param name="value">The value read, or 0 at the end.</param>
    /// <returns>False only when 1 to 3 bytes are left.</returns>
    public bool TryReadOptionalUInt32(out uint value)
    {
        if (IsAtEnd)
        {
            value = 0;
            return true;
        }

        return TryReadUInt32(out value);
    }

    /// <summary>Reads a little-endian 64-bit value.</summary>
    /// <param name="value">The value read.</param>
    /// <returns>False when fewer than 8 bytes are left.</returns>
    public bool TryReadUInt64(out ulong value)
    {
        if (BinaryPrimitives.TryReadUInt64LittleEndian(Remaining, out value))
        {
            _position += 8;
            return true;
        }

        return false;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes as a slice.</summary>
    /// <param name="length">Bytes wanted.</param>
    /// <param name="value">The slice.</param>
    /// <returns>False when fewer bytes are left.</returns>
    public bool TryReadBytes(int length, out ReadOnlySpan<byte> value)
    {
        if ((uint)length <= (uint)(_span.Length - _position))
        {
            value = _span.Slice(_position, length);
            _position += length;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads a 9P string <c>len[2] bytes[len]</c> as raw bytes (no UTF-8 validation: names are bytes).</summary>
    /// <param name="value">The string bytes.</param>
    /// <returns>False when the length or the bytes run past the end.</returns>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt16(out var length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }

    /// <summary>Reads <c>count[4] bytes[count]</c> (Rread, Twrite, Rreaddir payloads) as a slice.</summary>
    /// <param name="value">The payload.</param>
    /// <returns>False when the count runs past the end.</returns>
    public bool TryReadData(out ReadOnlySpan<byte> value)
    {
        var start = _position;
        if (TryReadUInt32(out var count) && count <= int.MaxValue && TryReadBytes((int)count, out value))
        {
            return true;
        }

        _position = start;
        value = default;
        return false;
    }

    /// <summary>Reads a 13-byte qid.</summary>
    /// <param name="value">The qid.</param>
    /// <returns>False when fewer than 13 bytes are left.</returns>
    public bool TryReadQid(out Qid value)
    {
        if (_span.Length - _position >= Qid.EncodedLength)
        {
            value = NinePFrame.ReadQid(_span.Slice(_position, Qid.EncodedLength));
            _position += Qid.EncodedLength;
            return true;
        }

        value = default;
        return false;
    }
}
