using ZeroFs.Engine.Memory;

namespace ZeroFs.Engine.Memtable;

/// <summary>
/// Where a memtable's keys and values live (decision engine-0004): 1 MiB slabs filled front to
/// back by the one writer, never freed one by one (an entry that does not fit the rest of a slab
/// starts the next). An entry larger than a slab gets an array of its own. With a pool, the slabs go back to it when the last holder lets go: the engine
/// holds the arena from creation until the memtable's table is published (<see cref="ReleaseOwner"/>),
/// and every reader holds it while it reads (<see cref="TryAcquire"/> / <see cref="Release"/>; a
/// get for its synchronous look-up, a scan or snapshot until disposed). Once the count has reached
/// zero it never rises again, so a reader that comes late fails to acquire and re-reads the newer
/// state (where the rows are in the published table) instead of reading reused memory. Without a
/// pool (followers) the slabs are simply left to the GC.
/// </summary>
internal sealed class MemtableArena(SegmentPool? pool)
{
    /// <summary>Size of one slab.</summary>
    internal const int SlabBytes = 1024 * 1024;

    private readonly List<byte[]> _arrays = [];
    private byte[]? _slab;
    private int _used;
    private int _refs = 1;
    private int _ownerReleased;

    /// <summary>Bytes of slabs and own arrays allocated (what the arena holds).</summary>
    internal long AllocatedBytes { get; private set; }

    /// <summary>Copies <paramref name="key"/> then <paramref name="value"/> into the arena (writer only); returns where.</summary>
    internal (byte[] Data, int Offset) Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var length = key.Length + value.Length;
        byte[] data;
        int offset;
        if (length > SlabBytes)
        {
            data = Allocate(length);
            offset = 0;
        }
        else
        {
            if (_slab is null || _slab.Length - _used < length)
            {
                _slab = Allocate(SlabBytes);
                _used = 0;
            }

            data = _slab;
            offset = _used;
            _used += length;
        }

        key.CopyTo(data.AsSpan(offset));
        value.CopyTo(data.AsSpan(offset + key.Length));
        return (data, offset);
    }

    /// <summary>Takes a reader's hold; false when the arena was already released (read a newer state instead).</summary>
    internal bool TryAcquire()
    {
        var refs = Volatile.Read(ref _refs);
        while (refs > 0)
        {
            var seen = Interlocked.CompareExchange(ref _refs, refs + 1, refs);
            if (seen == refs)
            {
                return true;
            }

            refs = seen;
        }

        return false;
    }

    /// <summary>Drops a reader's hold taken by <see cref="TryAcquire"/>.</summary>
    internal void Release()
    {
        var refs = Interlocked.Decrement(ref _refs);
        if (refs == 0)
        {
            ReturnArrays();
        }
        else if (refs < 0)
        {
            throw new InvalidOperationException("A memtable arena was released more often than acquired.");
        }
    }

    /// <summary>Drops the engine's hold (once; later calls do nothing): the memtable left the read state.</summary>
    internal void ReleaseOwner()
    {
        if (Interlocked.Exchange(ref _ownerReleased, 1) == 0)
        {
            Release();
        }
    }

    private byte[] Allocate(int length)
    {
        var array = pool is null ? GC.AllocateUninitializedArray<byte>(length) : pool.Rent(length);
        if (pool is not null)
        {
            _arrays.Add(array);
        }

        AllocatedBytes += array.Length;
        return array;
    }

    private void ReturnArrays()
    {
        if (pool is null)
        {
            return;
        }

        foreach (var array in _arrays)
        {
            pool.Return(array);
        }

        _arrays.Clear();
        _slab = null;
    }
}
