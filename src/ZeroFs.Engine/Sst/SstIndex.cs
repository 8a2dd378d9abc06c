using System.Buffers.Binary;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// The decoded index of one table: per data block a separator key S with
/// <c>lastKey(previous block) &lt; S ≤ firstKey(block)</c> (empty for the first block), the block's
/// handle and the seq of its first entry. Stored as an ordinary block whose entry key is the
/// separator, seq the first seq, and value <c>u64 offset, u32 sealed length</c> (LE). Decoded into
/// flat arrays so a lookup is a binary search with no per-entry objects.
/// </summary>
internal sealed class SstIndex
{
    /// <summary>Length of an index entry's value.</summary>
    internal const int HandleLength = 12;

    private readonly byte[] _keys;
    private readonly int[] _keyStarts;
    private readonly long[] _offsets;
    private readonly int[] _lengths;
    private readonly ulong[] _firstSeqs;

    private SstIndex(byte[] keys, int[] keyStarts, long[] offsets, int[] lengths, ulong[] firstSeqs)
    {
        _keys = keys;
        _keyStarts = keyStarts;
        _offsets = offsets;
        _lengths = lengths;
        _firstSeqs = firstSeqs;
    }

    /// <summary>Number of data blocks.</summary>
    internal int Count => _offsets.Length;

    /// <summary>Separator of block <paramref name="index"/>.</summary>
    internal ReadOnlySpan<byte> Separator(int index) => _keys.AsSpan(_keyStarts[index], _keyStarts[index + 1] - _keyStarts[index]);

    /// <summary>Handle of block <paramref name="index"/>.</summary>
    internal BlockHandle Handle(int index) => new(_offsets[index], _lengths[index]);

    /// <summary>Seq of the first entry of block <paramref name="index"/>.</summary>
    internal ulong FirstSeq(int index) => _firstSeqs[index];

    /// <summary>The only block that can hold <paramref name="userKey"/>: the last whose separator ≤ key (0 when none).</summary>
    internal int FindBlock(ReadOnlySpan<byte> userKey)
    {
        var lo = 0;
        var hi = _offsets.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (Separator(mid).SequenceCompareTo(userKey) <= 0)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Encodes an index value.</summary>
    internal static void WriteHandle(Span<byte> destination, BlockHandle handle)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, (ulong)handle.Offset);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)handle.Length);
    }

    /// <summary>Decodes an index block; throws <see cref="CorruptionException"/> when malformed.</summary>
    internal static SstIndex Parse(ReadOnlySpan<byte> block, long dataEnd)
    {
        var layout = BlockLayout.Parse(block);
        using var keys = new PooledBuffer(Math.Max(layout.DataEnd, 16));
        var starts = new List<int> { 0 };
        var offsets = new List<long>();
        var lengths = new List<int>();
        var seqs = new List<ulong>();
        var pos = 0;
        var previousStart = 0;
        var previousEnd = 0L;
        while (pos < layout.DataEnd)
        {
            if (!EntryCodec.TryReadHeader(block[pos..layout.DataEnd], out var h)
                || h.ValueLength != HandleLength
                || h.Shared > keys.Length - previousStart)
            {
                return ThrowHelper.ThrowCorruption<SstIndex>("malformed index entry");
            }

            var start = keys.Length;
            var destination = keys.GetSpan(h.Shared + h.SuffixLength); // grow first: the prefix is copied from the buffer itself
            keys.WrittenSpan.Slice(previousStart, h.Shared).CopyTo(destination);
            block.Slice(pos + h.HeaderLength, h.SuffixLength).CopyTo(destination[h.Shared..]);
            keys.Advance(h.Shared + h.SuffixLength);
            starts.Add(keys.Length);
            previousStart = start;

            var value = block.Slice(pos + h.HeaderLength + h.SuffixLength, HandleLength);
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(value);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(value[8..]);
            if ((long)offset != previousEnd || length == 0 || length > int.MaxValue || (long)offset + length > dataEnd)
            {
                return ThrowHelper.ThrowCorruption<SstIndex>("index block handles are not contiguous");
            }

            previousEnd = (long)offset + length;
            offsets.Add((long)offset);
            lengths.Add((int)length);
            seqs.Add(h.Seq);
            pos += h.TotalLength;
        }

        if (offsets.Count == 0 || previousEnd != dataEnd)
        {
            return ThrowHelper.ThrowCorruption<SstIndex>("index does not cover the data region");
        }

        return new SstIndex(keys.WrittenSpan.ToArray(), [.. starts], [.. offsets], [.. lengths], [.. seqs]);
    }
}
