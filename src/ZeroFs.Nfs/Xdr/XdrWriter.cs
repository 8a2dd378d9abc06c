using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Nfs.Xdr;

/// <summary>
/// Big-endian XDR writer (RFC 4506) over an <see cref="IBufferWriter{T}"/>: it fills the span it was
/// given and advances the output on <see cref="Commit"/>. Opaque data and strings are padded with
/// zeros to a multiple of four bytes.
/// </summary>
public ref struct XdrWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _committed;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public XdrWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan();
        _buffered = 0;
        _committed = 0;
    }

    /// <summary>The number of bytes written so far, committed or not.</summary>
    public readonly long BytesWritten => _committed + _buffered;

    /// <summary>Advances the output past everything written.</summary>
    public void Commit()
    {
        _output.Advance(_buffered);
        _committed += _buffered;
        _buffered = 0;
        _span = default;
    }

    /// <summary>Writes an unsigned int.</summary>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    /// <summary>Writes an unsigned hyper.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    /// <summary>Writes a bool (0 or 1).</summary>
    public void WriteBool(bool value) => WriteUInt32(value ? 1u : 0u);

    /// <summary>Writes fixed-length opaque data and its zero padding.</summary>
    public void WriteFixedOpaque(scoped ReadOnlySpan<byte> value)
    {
        WriteBytes(value);
        var pad = -value.Length & 3;
        if (pad != 0)
        {
            Reserve(pad).Clear();
        }
    }

    /// <summary>Writes variable-length opaque data or a string: length, bytes, padding.</summary>
    public void WriteOpaque(scoped ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteFixedOpaque(value);
    }

    private void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        while (!value.IsEmpty)
        {
            if (_span.Length == _buffered)
            {
                Grow(1);
            }

            var count = Math.Min(value.Length, _span.Length - _buffered);
            value[..count].CopyTo(_span[_buffered..]);
            _buffered += count;
            value = value[count..];
        }
    }

    private Span<byte> Reserve(int length)
    {
        if (_span.Length - _buffered < length)
        {
            Grow(length);
        }

        var slice = _span.Slice(_buffered, length);
        _buffered += length;
        return slice;
    }

    private void Grow(int atLeast)
    {
        _output.Advance(_buffered);
        _committed += _buffered;
        _buffered = 0;
        _span = _output.GetSpan(atLeast);
    }
}
