using System.Buffers;
using ZeroFs.Nfs.Rpc;

namespace ZeroFs.Nfs.Server;

/// <summary>
/// A reusable, pooled <see cref="IBufferWriter{T}"/> for one reply record. It keeps room for the
/// record-marking header in front, which <see cref="Finish"/> fills in once the length is known.
/// </summary>
internal sealed class ReplyBuffer : IBufferWriter<byte>
{
    /// <summary>Buffers larger than this go back to the pool after each call rather than staying with an idle call slot.</summary>
    private const int KeepBytes = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _written = RecordMarking.HeaderLength;

    /// <summary>True once a reply has been written since the last <see cref="Reset"/>.</summary>
    public bool HasReply => _written > RecordMarking.HeaderLength;

    /// <summary>The finished record (header and payload).</summary>
    public ReadOnlyMemory<byte> Record => _buffer.AsMemory(0, _written);

    public void Reset()
    {
        if (_buffer.Length > KeepBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(4096);
        }

        _written = RecordMarking.HeaderLength;
    }

    /// <summary>Fills in the single fragment's header.</summary>
    public void Finish() => RecordMarking.WriteHeader(_buffer, _written - RecordMarking.HeaderLength, last: true);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Release()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
