using System.Buffers.Binary;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Where a block's entries end and its restart array begins; parsed once per decoded block and
/// validated so that later reads only need bounds checks on entries.
/// </summary>
/// <param name="DataEnd">Offset of the restart array (end of the entries).</param>
/// <param name="RestartCount">Number of restart points (at least 1).</param>
internal readonly record struct BlockLayout(int DataEnd, int RestartCount)
{
    /// <summary>Parses and validates the trailer; throws <see cref="CorruptionException"/> when malformed.</summary>
    internal static BlockLayout Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < 8)
        {
            ThrowHelper.ThrowCorruption("block shorter than its trailer");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(block[^4..]);
        if (count == 0 || count > (uint)(block.Length - 4) / 4)
        {
            ThrowHelper.ThrowCorruption("block restart count out of range");
        }

        var dataEnd = block.Length - 4 - (4 * (int)count);
        var previous = -1L;
        for (var i = 0; i < (int)count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(block[(dataEnd + (4 * i))..]);
            if (offset <= previous || offset > (uint)dataEnd || (i == 0 && offset != 0) || (offset == (uint)dataEnd && dataEnd != 0))
            {
                ThrowHelper.ThrowCorruption("block restart offsets are not increasing within the block");
            }

            previous = offset;
        }

        return new BlockLayout(dataEnd, (int)count);
    }

    /// <summary>Offset of restart point <paramref name="index"/>.</summary>
    internal int RestartOffset(ReadOnlySpan<byte> block, int index) =>
        (int)BinaryPrimitives.ReadUInt32LittleEndian(block[(DataEnd + (4 * index))..]);
}
