using System.Text;

namespace ZeroFs.Engine.Tests;

/// <summary>Seeded generators shared by the property tests.</summary>
internal static class TestData
{
    public static byte[] Key(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>A random key from a small alphabet so keys share prefixes (exercises prefix compression).</summary>
    public static byte[] RandomKey(Random random, int maxLength = 24)
    {
        var length = random.Next(1, maxLength + 1);
        var key = new byte[length];
        for (var i = 0; i < length; i++)
        {
            key[i] = (byte)"abcdxyz\0\xff"[random.Next(9)];
        }

        return key;
    }

    public static byte[] RandomValue(Random random, int maxLength = 64)
    {
        var value = new byte[random.Next(0, maxLength + 1)];
        random.NextBytes(value);
        return value;
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
