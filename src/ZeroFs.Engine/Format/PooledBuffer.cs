using System.Buffers;

namespace ZeroFs.Engine.Format;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>. One owner; dispose
/// returns the array. Used by block and table builders so that building a table does not allocate
/// per block. With a <see cref="Memory.SegmentPool"/> for large sizes, growth past
/// <see cref="LargeThreshold"/> rents from it instead (bounded, counted memory; WAL segments).
/// </summary>
internal sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>Capacities above this come from the large pool, when there is one.</summary>
    internal const int LargeThreshold = 1024 * 1024;

    private readonly Memory.SegmentPool? _large;
    private byte[] _buffer;
    private int _length;
    private bool _bufferIsLarge;

    /// <summary>Creates a buffer with at least <paramref name="initialCapacity"/> bytes.</summary>
    internal PooledBuffer(int initialCapacity = 4096, Memory.SegmentPool? large = null)
    {
        _large = large;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>Bytes written so far.</summary>
    internal int Length => _length;

    /// <summary>Bytes held (the rented array's size).</summary>
    internal int Capacity => _buffer.Length;

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
            ReturnArray(buffer);
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

        var large = _large is not null && newSize > LargeThreshold;
        var next = large ? _large!.Rent((int)needed) : ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _length).CopyTo(next);
        ReturnArray(_buffer);
        _buffer = next;
        _bufferIsLarge = large;
    }

    private void ReturnArray(byte[] buffer)
    {
        if (_bufferIsLarge)
        {
            _large!.Return(buffer);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
