using System.Buffers;
using ZeroFs.Engine.Sst;

namespace ZeroFs.Engine.Tests.Cache;

/// <summary>Real decoded blocks (built by <see cref="BlockBuilder"/>) with recognisable contents.</summary>
internal static class TestBlocks
{
    public static DecodedBlock Make(int valueBytes, byte fill)
    {
        using var builder = new BlockBuilder();
        var value = new byte[valueBytes];
        value.AsSpan().Fill(fill);
        builder.Add("k"u8, 1, EntryKind.Put, value);
        var bytes = builder.Finish();
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        return new DecodedBlock(buffer, bytes.Length);
    }

    public static BlockCacheKey Key(int table, long offset) => new(Ulid.Create(1_700_000_000_000 + table, 1, 2), offset);

    /// <summary>True when every value byte of the block still holds <paramref name="fill"/>.</summary>
    public static bool Holds(DecodedBlock block, int valueBytes, byte fill)
    {
        var span = block.Span;
        var run = 0;
        foreach (var b in span)
        {
            run = b == fill ? run + 1 : 0;
            if (run >= valueBytes)
            {
                return true;
            }
        }

        return false;
    }
}
