namespace ZeroFs.Engine.Format;

/// <summary>
/// Unsigned LEB128 varints (ENGINE.md §5): seven bits per byte, least significant group first,
/// high bit set on every byte but the last. A <see cref="ulong"/> takes at most 10 bytes.
/// Decoding rejects overlong encodings past 10 bytes and bits that overflow 64 bits.
/// </summary>
internal static class Varint
{
    /// <summary>Longest encoding of a 64-bit value.</summary>
    internal const int MaxLength64 = 10;

    /// <summary>Longest encoding of a 32-bit value.</summary>
    internal const int MaxLength32 = 5;

    /// <summary>Bytes needed to encode <paramref name="value"/>.</summary>
    internal static int SizeOf(ulong value)
    {
        // 1 + floor(bitlength-1 / 7); (value | 1) keeps zero at one byte.
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1);
        return (bits + 6) / 7;
    }

    /// <summary>Writes <paramref name="value"/>; returns the bytes written. The destination must be large enough.</summary>
    internal static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Reads a value; false when the input ends early or the encoding is invalid.</summary>
    internal static bool TryRead(ReadOnlySpan<byte> source, out ulong value, out int consumed)
    {
        ulong result = 0;
        var shift = 0;
        for (var i = 0; i < source.Length && i < MaxLength64; i++)
        {
            var b = source[i];
            if (i == MaxLength64 - 1 && b > 1)
            {
                break; // the tenth byte may only carry bit 63
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = result;
                consumed = i + 1;
                return true;
            }

            shift += 7;
        }

        value = 0;
        consumed = 0;
        return false;
    }

    /// <summary>Reads a value that must fit in a non-negative <see cref="int"/>.</summary>
    internal static bool TryReadInt32(ReadOnlySpan<byte> source, out int value, out int consumed)
    {
        // Fast path: one byte.
        if (source.Length > 0 && source[0] < 0x80)
        {
            value = source[0];
            consumed = 1;
            return true;
        }

        if (TryRead(source, out var v, out consumed) && v <= int.MaxValue)
        {
            value = (int)v;
            return true;
        }

        value = 0;
        consumed = 0;
        return false;
    }
}
