using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ZeroFs.Engine;

/// <summary>
/// A 128-bit ULID: 48-bit big-endian millisecond Unix timestamp, then 80 random bits. Its 16-byte
/// big-endian form and its 26-character Crockford base32 text both sort like the value, so table
/// names (<c>sst/&lt;ULID&gt;.sst</c>) list in creation order. Created by <see cref="UlidGenerator"/>.
/// </summary>
public readonly struct Ulid : IEquatable<Ulid>, IComparable<Ulid>
{
    /// <summary>Length of the binary form.</summary>
    public const int ByteLength = 16;

    /// <summary>Length of the text form.</summary>
    public const int TextLength = 26;

    /// <summary>Largest timestamp a ULID can hold (2^48 − 1 ms).</summary>
    public const long MaxTimestampMs = (1L << 48) - 1;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly UInt128 _value;

    private Ulid(UInt128 value) => _value = value;

    /// <summary>Milliseconds since the Unix epoch when the ULID was made.</summary>
    public long TimestampMs => (long)(ulong)(_value >> 80);

    /// <summary>The timestamp as a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);

    /// <summary>Builds a ULID from a timestamp and the low 80 bits of <paramref name="randomHigh16"/>:<paramref name="randomLow64"/>.</summary>
    public static Ulid Create(long timestampMs, ushort randomHigh16, ulong randomLow64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timestampMs, MaxTimestampMs);
        return new Ulid(((UInt128)(ulong)timestampMs << 80) | ((UInt128)randomHigh16 << 64) | randomLow64);
    }

    /// <summary>Reads the 16-byte big-endian form.</summary>
    public static Ulid FromBytes(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes));

    /// <summary>Writes the 16-byte big-endian form.</summary>
    public void WriteBytes(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, _value);

    /// <summary>Parses the 26-character text form (case-insensitive).</summary>
    public static Ulid Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var ulid) ? ulid : throw new FormatException("Not a ULID: expected 26 Crockford base32 characters.");

    /// <summary>Parses the 26-character text form; false when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ulid ulid)
    {
        ulid = default;
        if (text.Length != TextLength)
        {
            return false;
        }

        UInt128 value = 0;
        for (var i = 0; i < TextLength; i++)
        {
            var digit = Alphabet.IndexOf(char.ToUpperInvariant(text[i]));
            if (digit < 0 || (i == 0 && digit > 7))
            {
                return false; // the first character carries only 3 bits
            }

            value = (value << 5) | (uint)digit;
        }

        ulid = new Ulid(value);
        return true;
    }

    /// <summary>Increments the random part (for monotonic generation); false when it would overflow.</summary>
    internal bool TryIncrementRandom(out Ulid next)
    {
        const ulong RandomMaskHigh = 0xFFFF;
        var random = _value & (((UInt128)RandomMaskHigh << 64) | ulong.MaxValue);
        if (random == (((UInt128)RandomMaskHigh << 64) | ulong.MaxValue))
        {
            next = default;
            return false;
        }

        next = new Ulid(_value + 1);
        return true;
    }

    /// <summary>Writes the 26-character text form.</summary>
    public void Format(Span<char> destination)
    {
        var v = _value;
        for (var i = TextLength - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(uint)(v & 31)];
            v >>= 5;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(TextLength, this, static (span, ulid) => ulid.Format(span));

    /// <inheritdoc/>
    public bool Equals(Ulid other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is Ulid other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Ulid other) => _value.CompareTo(other._value);

    /// <summary>Equality.</summary>
    public static bool operator ==(Ulid left, Ulid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Ulid left, Ulid right) => !left.Equals(right);

    /// <summary>Ordinal order.</summary>
    public static bool operator <(Ulid left, Ulid right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator >(Ulid left, Ulid right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator <=(Ulid left, Ulid right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal order.</summary>
    public static bool operator >=(Ulid left, Ulid right) => left.CompareTo(right) >= 0;
}
