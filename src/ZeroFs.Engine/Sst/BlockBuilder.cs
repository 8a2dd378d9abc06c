using System.Buffers;
using System.Buffers.Binary;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Builds one data or index block (docs/formats/data-block.md): prefix-compressed entries
/// (<see cref="EntryCodec"/>), a restart point every <see cref="RestartInterval"/> entries where the
/// key is stored whole, then the trailer <c>u32 restartOffsets[count], u32 count</c>, little-endian.
/// Offsets are u32 so blocks larger than 64 KiB (big values) need no special case.
/// Reusable: <see cref="Reset"/> keeps the rented buffers.
/// </summary>
internal sealed class BlockBuilder : IDisposable
{
    /// <summary>Entries between restart points.</summary>
    internal const int RestartInterval = 16;

    private readonly PooledBuffer _data;
    private readonly List<int> _restarts = new(64);
    private byte[] _lastKey;
    private int _lastKeyLength;
    private ulong _lastSeq;
    private int _count;

    /// <summary>Creates a builder whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    internal BlockBuilder(int initialCapacity = 16 * 1024)
    {
        _data = new PooledBuffer(initialCapacity + 1024);
        _lastKey = ArrayPool<byte>.Shared.Rent(256);
    }

    /// <summary>Entries added since the last reset.</summary>
    internal int Count => _count;

    /// <summary>True when nothing was added since the last reset.</summary>
    internal bool IsEmpty => _count == 0;

    /// <summary>The last key added.</summary>
    internal ReadOnlySpan<byte> LastKey => _lastKey.AsSpan(0, _lastKeyLength);

    /// <summary>Size of the finished block if it were finished now.</summary>
    internal int EstimatedSize => _data.Length + (4 * (_restarts.Count + 1));

    /// <summary>Upper bound of the growth of <see cref="EstimatedSize"/> if an entry were added.</summary>
    internal static int EstimatedEntrySize(int keyLength, int valueLength) =>
        EntryCodec.EncodedLength(0, keyLength, valueLength) + 4;

    /// <summary>
    /// Appends an entry. Keys must arrive in strictly increasing internal order (user key ascending,
    /// seq descending); a violation throws <see cref="InvalidOperationException"/>.
    /// </summary>
    internal void Add(ReadOnlySpan<byte> key, ulong seq, EntryKind kind, ReadOnlySpan<byte> value)
    {
        var shared = 0;
        if (_count > 0)
        {
            var last = LastKey;
            if (InternalKey.Compare(last, _lastSeq, key, seq) >= 0)
            {
                ThrowHelper.ThrowOutOfOrder();
            }

            if (_count % RestartInterval != 0)
            {
                shared = last.CommonPrefixLength(key);
            }
        }

        if (shared == 0 && _count % RestartInterval == 0)
        {
            _restarts.Add(_data.Length);
        }

        var suffix = key[shared..];
        var length = EntryCodec.EncodedLength(shared, suffix.Length, value.Length);
        var written = EntryCodec.Write(_data.GetSpan(length), shared, suffix, value, kind, seq);
        _data.Advance(written);
        SetLastKey(key);
        _lastSeq = seq;
        _count++;
    }

    /// <summary>Appends the trailer and returns the finished block (valid until <see cref="Reset"/>).</summary>
    internal ReadOnlySpan<byte> Finish()
    {
        if (_restarts.Count == 0)
        {
            _restarts.Add(0); // an empty block still has one restart so that its layout is uniform
        }

        var trailer = _data.GetSpan(4 * (_restarts.Count + 1));
        for (var i = 0; i < _restarts.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(trailer[(4 * i)..], (uint)_restarts[i]);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(trailer[(4 * _restarts.Count)..], (uint)_restarts.Count);
        _data.Advance(4 * (_restarts.Count + 1));
        return _data.WrittenSpan;
    }

    /// <summary>Starts a new block, keeping the buffers.</summary>
    internal void Reset()
    {
        _data.Clear();
        _restarts.Clear();
        _lastKeyLength = 0;
        _lastSeq = 0;
        _count = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _data.Dispose();
        var key = _lastKey;
        _lastKey = [];
        if (key.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(key);
        }
    }

    private void SetLastKey(ReadOnlySpan<byte> key)
    {
        if (key.Length > _lastKey.Length)
        {
            ArrayPool<byte>.Shared.Return(_lastKey);
            _lastKey = ArrayPool<byte>.Shared.Rent(key.Length);
        }

        key.CopyTo(_lastKey);
        _lastKeyLength = key.Length;
    }
}
