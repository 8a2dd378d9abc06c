using System.Buffers.Binary;

namespace ZeroFs.Engine.Format;

/// <summary>
/// A forward reader over little-endian fixed-width fields and LEB128 varints for the manifest and
/// WAL codecs. Every read checks bounds and throws <see cref="CorruptionException"/> on truncation.
/// </summary>
internal ref struct SpanReader
{
    private readonly ReadOnlySpan<byte> _source;
    private int _position;

    /// <summary>Reads <paramref name="source"/> from its start.</summary>
    internal SpanReader(ReadOnlySpan<byte> source)
    {
        _source = source;
        _position = 0;
    }

    /// <summary>True when every byte was consumed.</summary>
    internal readonly bool End => _position >= _source.Length;

    /// <summary>Bytes consumed so far.</summary>
    internal readonly int Position => _position;

    /// <summary>Reads one byte.</summary>
    internal byte U8() => Bytes(1)[0];

    /// <summary>Reads a little-endian u32.</summary>
    internal uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

    /// <summary>Reads a little-endian u64.</summary>
    internal ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    /// <summary>Reads a LEB128 varint.</summary>
    internal ulong Varint()
    {
        if (!Format.Varint.TryRead(_source[_position..], out var value, out var consumed))
        {
            ThrowHelper.ThrowCorruption("truncated or malformed varint");
        }

        _position += consumed;
        return value;
    }

    /// <summary>Reads a varint length, then that many bytes.</summary>
    internal ReadOnlySpan<byte> LengthPrefixed()
    {
        var length = Varint();
        if (length > (ulong)(_source.Length - _position))
        {
            ThrowHelper.ThrowCorruption("length prefix runs past the end");
        }

        return Bytes((int)length);
    }

    /// <summary>Reads <paramref name="count"/> bytes.</summary>
    internal ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > _source.Length - _position)
        {
            ThrowHelper.ThrowCorruption("record runs past the end");
        }

        var span = _source.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads every remaining byte.</summary>
    internal ReadOnlySpan<byte> Rest() => Bytes(_source.Length - _position);
}
