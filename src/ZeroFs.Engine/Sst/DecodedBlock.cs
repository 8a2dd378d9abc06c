using System.Buffers;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// A decrypted, decompressed block in a pooled buffer, with its parsed layout. Reference counted so
/// that a block cache (ENGINE.md §10, keyed by table ULID and block offset) and any number of
/// readers can share one copy: the creator holds the first reference; every holder calls
/// <see cref="Release"/> once; the buffer returns to the pool when the count reaches zero.
/// </summary>
internal sealed class DecodedBlock
{
    private byte[]? _buffer;
    private readonly int _length;
    private readonly int _capacity;
    private int _references = 1;

    /// <summary>Takes ownership of <paramref name="length"/> bytes of a rented <paramref name="buffer"/>; validates the layout.</summary>
    internal DecodedBlock(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _capacity = buffer.Length;
        try
        {
            Layout = BlockLayout.Parse(buffer.AsSpan(0, length));
        }
        catch
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>The block's restart layout.</summary>
    internal BlockLayout Layout { get; }

    /// <summary>Plaintext size in bytes (the cache weight).</summary>
    internal int Length => _length;

    /// <summary>Size of the pooled buffer holding the block (what a cache should charge: pools round up).</summary>
    internal int Capacity => _capacity;

    /// <summary>The block bytes.</summary>
    internal ReadOnlySpan<byte> Span => (_buffer ?? ThrowReleased()).AsSpan(0, _length);

    /// <summary>The block bytes as memory.</summary>
    internal ReadOnlyMemory<byte> Memory => (_buffer ?? ThrowReleased()).AsMemory(0, _length);

    /// <summary>Adds a reference; false when the block was already freed (a cache must then drop it).</summary>
    internal bool TryAddReference()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Drops one reference; the last one returns the buffer to the pool.</summary>
    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            var buffer = Interlocked.Exchange(ref _buffer, null);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("DecodedBlock released more times than referenced.");
        }
    }

    private static byte[] ThrowReleased() => throw new ObjectDisposedException(nameof(DecodedBlock));
}
