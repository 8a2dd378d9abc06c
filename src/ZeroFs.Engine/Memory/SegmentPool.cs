namespace ZeroFs.Engine.Memory;

/// <summary>
/// The buffers tables are written into and uploaded from, one upload part each (decision
/// engine-0004): fixed-size arrays, kept for reuse up to a bound so steady uploading allocates
/// nothing, and counted so the memory accountant sees every byte rented or retained. A request
/// larger than the segment size (a block of one huge entry) gets a one-off array that is dropped
/// on return. Thread-safe.
/// </summary>
internal sealed class SegmentPool
{
    private readonly Stack<byte[]> _free = new();
    private readonly Lock _lock = new();
    private readonly int _maxRetained;
    private readonly Action? _onReturn;
    private long _rentedBytes;
    private long _peakRentedBytes;
    private long _allocations;

    /// <summary>
    /// A pool of <paramref name="segmentBytes"/> arrays that keeps at most <paramref name="maxRetained"/>
    /// idle ones; <paramref name="onReturn"/> runs after every return (writers waiting for memory re-check).
    /// </summary>
    internal SegmentPool(int segmentBytes, int maxRetained, Action? onReturn = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBytes, 4096);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetained);
        SegmentBytes = segmentBytes;
        _maxRetained = maxRetained;
        _onReturn = onReturn;
    }

    /// <summary>The size of a pooled segment.</summary>
    internal int SegmentBytes { get; }

    /// <summary>Bytes of segments handed out and not yet returned.</summary>
    internal long RentedBytes => Volatile.Read(ref _rentedBytes);

    /// <summary>The most <see cref="RentedBytes"/> ever reached.</summary>
    internal long PeakRentedBytes => Volatile.Read(ref _peakRentedBytes);

    /// <summary>Bytes of idle segments kept for reuse.</summary>
    internal long RetainedBytes
    {
        get
        {
            lock (_lock)
            {
                return (long)_free.Count * SegmentBytes;
            }
        }
    }

    /// <summary>Arrays allocated (not reused from the pool) so far.</summary>
    internal long Allocations => Volatile.Read(ref _allocations);

    /// <summary>Rented plus retained bytes: what the pool holds.</summary>
    internal long Bytes => RentedBytes + RetainedBytes;

    /// <summary>An array of at least <paramref name="minimumBytes"/> (exactly <see cref="SegmentBytes"/> when that is enough).</summary>
    internal byte[] Rent(int minimumBytes)
    {
        byte[]? array;
        if (minimumBytes <= SegmentBytes)
        {
            lock (_lock)
            {
                _free.TryPop(out array);
            }

            if (array is null)
            {
                array = GC.AllocateUninitializedArray<byte>(SegmentBytes);
                Interlocked.Increment(ref _allocations);
            }
        }
        else
        {
            array = GC.AllocateUninitializedArray<byte>(minimumBytes);
            Interlocked.Increment(ref _allocations);
        }

        var rented = Interlocked.Add(ref _rentedBytes, array.Length);
        long peak;
        while (rented > (peak = Volatile.Read(ref _peakRentedBytes)) && Interlocked.CompareExchange(ref _peakRentedBytes, rented, peak) != peak)
        {
        }

        return array;
    }

    /// <summary>Gives back an array from <see cref="Rent"/>; the caller must not touch it afterwards.</summary>
    internal void Return(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        Interlocked.Add(ref _rentedBytes, -array.Length);
        if (array.Length == SegmentBytes)
        {
            lock (_lock)
            {
                if (_free.Count < _maxRetained)
                {
                    _free.Push(array);
                }
            }
        }

        _onReturn?.Invoke();
    }
}
