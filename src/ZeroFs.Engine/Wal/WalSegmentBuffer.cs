using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Wal;

/// <summary>The batches of one WAL segment, in plaintext, before (open) or after (cut) its id is assigned.</summary>
internal sealed class WalSegmentBuffer : IDisposable
{
    private readonly PooledBuffer _buffer;

    /// <summary>Starts an empty segment; past 1 MiB its buffer comes from <paramref name="large"/>.</summary>
    internal WalSegmentBuffer(Memory.SegmentPool? large = null)
    {
        _buffer = new PooledBuffer(16 * 1024, large);
        WalSegmentCodec.WriteHeader(_buffer);
    }

    /// <summary>Segment id, assigned when the buffer is cut (0 while open).</summary>
    internal ulong Id { get; set; }

    /// <summary>Batches appended.</summary>
    internal int BatchCount { get; private set; }

    /// <summary>Seq of the first batch appended.</summary>
    internal ulong FirstSeq { get; private set; }

    /// <summary>Seq of the last batch appended.</summary>
    internal ulong LastSeq { get; private set; }

    /// <summary>Plaintext bytes so far.</summary>
    internal int Length => _buffer.Length;

    /// <summary>Bytes of memory held.</summary>
    internal int Capacity => _buffer.Capacity;

    /// <summary>True before the first batch.</summary>
    internal bool IsEmpty => BatchCount == 0;

    /// <summary>The finished plaintext (batch count patched in).</summary>
    internal ReadOnlySpan<byte> Plaintext
    {
        get
        {
            WalSegmentCodec.SetBatchCount(_buffer, BatchCount);
            return _buffer.WrittenSpan;
        }
    }

    /// <summary>Appends one batch.</summary>
    internal void Append(ulong seq, long timestamp, WriteBatch batch)
    {
        WalSegmentCodec.AppendBatch(_buffer, seq, timestamp, batch);
        if (BatchCount++ == 0)
        {
            FirstSeq = seq;
        }

        LastSeq = seq;
    }

    /// <inheritdoc/>
    public void Dispose() => _buffer.Dispose();
}
