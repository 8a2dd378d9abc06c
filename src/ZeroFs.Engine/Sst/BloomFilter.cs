using System.IO.Hashing;
using System.Numerics;
using ZeroFs.Engine.Format;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// A bloom filter over user keys (ENGINE.md §6; docs/formats/sst.md). Plaintext layout:
/// <c>bit array (bytes, bit i = byte i/8, bit i%8), u8 probes</c>. Hashing: one 64-bit XxHash3 of the
/// key, then double hashing <c>g_i = h + i·δ</c> with <c>δ = rotl(h, 32) | 1</c>, each reduced to a
/// bit index with the multiply-high range reduction <c>(g_i · bits) &gt;&gt; 64</c>.
/// </summary>
internal sealed class BloomFilter
{
    private readonly byte[] _bits;
    private readonly ulong _bitCount;
    private readonly int _probes;

    private BloomFilter(byte[] bits, int probes)
    {
        _bits = bits;
        _bitCount = (ulong)bits.Length * 8;
        _probes = probes;
    }

    /// <summary>Size of the bit array in bytes.</summary>
    internal int ByteLength => _bits.Length;

    /// <summary>Hash of a user key as the filter uses it.</summary>
    internal static ulong Hash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    /// <summary>Parses a filter block (copies the bits, so the source buffer can be returned).</summary>
    internal static BloomFilter Parse(ReadOnlySpan<byte> block)
    {
        if (block.Length < 2)
        {
            ThrowHelper.ThrowCorruption("filter block too short");
        }

        var probes = block[^1];
        if (probes is 0 or > 30)
        {
            ThrowHelper.ThrowCorruption("filter probe count out of range");
        }

        return new BloomFilter(block[..^1].ToArray(), probes);
    }

    /// <summary>
    /// Writes a filter block for <paramref name="hashes"/> (one per distinct key) with
    /// <paramref name="bitsPerKey"/> bits per key and <paramref name="probes"/> probes.
    /// </summary>
    internal static void Write(ReadOnlySpan<ulong> hashes, int bitsPerKey, int probes, PooledBuffer destination)
    {
        var bytes = (int)Math.Max(8, (((long)hashes.Length * bitsPerKey) + 7) / 8);
        var span = destination.GetSpan(bytes + 1)[..(bytes + 1)];
        span.Clear();
        var bits = span[..bytes];
        var bitCount = (ulong)bytes * 8;
        foreach (var h in hashes)
        {
            var delta = BitOperations.RotateLeft(h, 32) | 1;
            var g = h;
            for (var i = 0; i < probes; i++)
            {
                var bit = Math.BigMul(g, bitCount, out _);
                bits[(int)(bit >> 3)] |= (byte)(1 << (int)(bit & 7));
                g += delta;
            }
        }

        span[bytes] = (byte)probes;
        destination.Advance(bytes + 1);
    }

    /// <summary>False when the key is certainly absent.</summary>
    internal bool MayContain(ReadOnlySpan<byte> key) => MayContainHash(Hash(key));

    /// <summary>False when the key with this <see cref="Hash"/> is certainly absent.</summary>
    internal bool MayContainHash(ulong h)
    {
        var delta = BitOperations.RotateLeft(h, 32) | 1;
        var g = h;
        var bits = _bits;
        for (var i = 0; i < _probes; i++)
        {
            var bit = Math.BigMul(g, _bitCount, out _);
            if ((bits[(int)(bit >> 3)] & (1 << (int)(bit & 7))) == 0)
            {
                return false;
            }

            g += delta;
        }

        return true;
    }
}
