using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.NineP.Protocol;

/// <summary>
/// Little-endian writer over an <see cref="IBufferWriter{T}"/> (Kestrel's <c>BufferWriter</c> shape):
/// it fills the span it was given and advances the output on <see cref="Commit"/>.
/// </summary>
/// <remarks>
/// The frame size is known before writing (every message computes <c>BodyLength</c>), so
/// <see cref="WriteFrame{T}"/> writes the size first rather than back-patching it: back-patching is
/// unsafe over an arbitrary <see cref="IBufferWriter{T}"/>, which may move memory that was handed out
/// but not yet advanced. In DEBUG builds the declared size is checked against the bytes written.
/// </remarks>
public ref struct NinePWriter
{
    private readonly IBufferWriter<byte> _output;
    private Span<byte> _span;
    private int _buffered;
    private long _written;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Destination.</param>
    public NinePWriter(IBufferWriter<byte> output)
    {
        _output = output;
        _span = output.GetSpan();
        _buffered = 0;
        _written = 0;
    }

    /// <summary>Gets the number of bytes written so far, committed or not.</summary>
    public readonly long BytesWritten => _written + _buffered;

    /// <summary>
    /// Writes a whole frame <c>size[4] type[1] tag[2] body</c> and commits it.
    /// </summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="output">Destination.</param>
    /// <param name="tag">Request tag (NinePConstants.NoTag for Tversion).</param>
    /// <param name="message">The message.</param>
    /// <returns>The frame length in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A string is longer than 65535 bytes, a walk has more
    /// than 16 elements, or the frame is larger than 4 GiB.</exception>
    public static int WriteFrame<T>(IBufferWriter<byte> output, ushort tag, scoped in T message)
        where T : INinePMessage<T>, allows ref struct
    {
        var frameLength = (long)FrameHeader.EncodedLength + message.BodyLength;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameLength, int.MaxValue, nameof(message));
        var writer = new NinePWriter(output);
        writer.WriteUInt32((uint)frameLength);
        writer.WriteByte((byte)T.MessageType);
        writer.WriteUInt16(tag);
        message.WriteBody(ref writer);
        System.Diagnostics.Debug.Assert(writer.BytesWritten == frameLength, "BodyLength disagrees with WriteBody");
        writer.Commit();
        return (int)frameLength;
    }

    /// <summary>Advances the output past everything written.</summary>
    public void Commit()
    {
        _output.Advance(_buffered);
        _written += _buffered;
        _buffered = 0;
        _span = default;
    }

    /// <summary>Writes one byte.</summary>
    /// <param name="value">The value.</param>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Writes a little-endian 16-bit value.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    /// <summary>Writes a little-endian 32-bit value.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    /// <summary>Writes a little-endian 64-bit value.</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Writes a 13-byte qid.</summary>
    /// <param name="qid">The qid.</param>
    public void WriteQid(Qid qid) => NinePFrame.WriteQid(Reserve(Qid.EncodedLength), qid);

    /// <summary>Writes a 9P string <c>len[2] bytes[len]</c>.</summary>
    /// <param name="value">The bytes of the string.</param>
    /// <exception cref="ArgumentOutOfRangeException">Longer than 65535 bytes.</exception>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, ushort.MaxValue, nameof(value));
        WriteUInt16((ushort)value.Length);
        WriteBytes(value);
    }

    /// <summary>Writes <c>count[4] bytes[count]</c>.</summary>
    /// <param name="value">The payload.</param>
    public void WriteData(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        WriteBytes(value);
    }

    /// <summary>Writes raw bytes, spanning as many output buffers as needed.</summary>
    /// <param name="value">The bytes.</param>
    public void WriteBytes(ReadOnlySpan<byte> value)
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

    private void Grow(int sizeHint)
    {
        Commit();
        _span = _output.GetSpan(sizeHint);
    }
}
