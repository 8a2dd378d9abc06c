using System.Buffers;

namespace ZeroFs.ObjectStore;

/// <summary>
/// Bytes read by <see cref="IObjectStore.GetAsync"/>. The buffer is rented from
/// <see cref="ArrayPool{T}.Shared"/>: the one owner disposes it once, and must not touch
/// <see cref="Data"/> afterwards.
/// </summary>
public sealed class GetResult : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    /// <summary>Wraps <paramref name="length"/> bytes of a rented <paramref name="buffer"/>; takes ownership.</summary>
    public GetResult(byte[] buffer, int length, ObjectMeta meta, long rangeStart)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length);
        _buffer = buffer;
        _length = length;
        Meta = meta;
        RangeStart = rangeStart;
    }

    /// <summary>The object's metadata (size is the whole object's, not the range's).</summary>
    public ObjectMeta Meta { get; }

    /// <summary>Offset in the object of <see cref="Data"/>'s first byte.</summary>
    public long RangeStart { get; }

    /// <summary>Number of bytes returned.</summary>
    public int Length => _length;

    /// <summary>The bytes returned.</summary>
    public ReadOnlyMemory<byte> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            return _buffer.AsMemory(0, _length);
        }
    }

    /// <summary>Rents a buffer of at least <paramref name="length"/> bytes for a store to fill.</summary>
    public static byte[] Rent(int length) => ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));

    /// <summary>Copies the bytes into a new array (for tests and cold paths).</summary>
    public byte[] ToArray() => Data.ToArray();

    /// <inheritdoc/>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
