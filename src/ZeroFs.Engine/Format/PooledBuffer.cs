using System.Buffers;

namespace ZeroFs.Engine.Format;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>. One owner; dispose
/// returns the array. Used by block and table builders so that building a table does not allocate
/// per block.
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a buffer with at least <paramref name="initialCapacity"/> bytes.</summary>
    internal PooledBuffer(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Bytes written so far.</summary>
    internal int Length => _length;

    /// <summary>The written bytes.</summary>
    internal ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The written bytes as memory (valid until the next write, reset or dispose).</summary>
    internal ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Forgets the content, keeping the capacity.</summary>
    internal void Clear() => _length = 0;

    /// <summary>Appends bytes.</summary>
    internal void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Gives writable access to already-written bytes (for patching in place).</summary>
    internal Span<byte> WrittenSpanMutable => _buffer.AsSpan(0, _length);

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length >= sizeHint)
        {
            return;
        }

        var needed = (long)_length + sizeHint;
        var newSize = (int)Math.Min(Math.Max(needed, (long)_buffer.Length * 2), Array.MaxLength);
        if (newSize < needed)
        {
            throw new InvalidOperationException("Buffer would exceed the maximum array length.");
        }

        var next = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}
