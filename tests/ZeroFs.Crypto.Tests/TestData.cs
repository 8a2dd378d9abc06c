using System.Text;

namespace ZeroFs.Crypto.Tests;

/// <summary>Deterministic inputs for the sealer tests.</summary>
internal static class TestData
{
    private static readonly string[] Words =
    [
        "inode", "directory", "chunk", "manifest", "compaction", "the", "a", "of", "and", "write",
        "read", "block", "sealed", "bucket", "object", "store", "replica", "checkpoint", "\n", "=",
    ];

    /// <summary>Incompressible bytes.</summary>
    internal static byte[] Random(int length, int seed = 1)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Text-like bytes: words and numbers, compressing to roughly half or better.</summary>
    internal static byte[] Compressible(int length, int seed = 1)
    {
        var random = new Random(seed);
        var data = new byte[length];
        var position = 0;
        while (position < length)
        {
            var token = Encoding.ASCII.GetBytes(Words[random.Next(Words.Length)] + " " + random.Next(10_000) + " ");
            var count = Math.Min(token.Length, length - position);
            token.AsSpan(0, count).CopyTo(data.AsSpan(position));
            position += count;
        }

        return data;
    }

    /// <summary>A data key with bytes 0, 1, …, 31.</summary>
    internal static DataKey FixedKey(byte first = 0)
    {
        var bytes = new byte[DataKey.KeyLength];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(first + i);
        }

        return DataKey.FromBytes(bytes);
    }

    /// <summary>A nonce source writing 0x40, 0x41, … (golden-byte tests only).</summary>
    internal static void FixedNonce(Span<byte> nonce)
    {
        for (var i = 0; i < nonce.Length; i++)
        {
            nonce[i] = (byte)(0x40 + i);
        }
    }
}
