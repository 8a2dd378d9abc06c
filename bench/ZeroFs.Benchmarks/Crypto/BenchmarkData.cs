using System.Text;

namespace ZeroFs.Benchmarks.Crypto;

/// <summary>Realistic block contents: text-like records that lz4 roughly halves.</summary>
internal static class BenchmarkData
{
    private static readonly string[] Words =
    [
        "inode", "directory", "chunk", "manifest", "compaction", "mtime", "uid", "gid", "mode", "size",
        "nlink", "/home/user/projects/", ".cache/", "README.md", "src/", "Program.cs", "0644", "0755",
    ];

    /// <summary>Deterministic text-like bytes with random numbers and a sprinkle of random binary.</summary>
    internal static byte[] HalfCompressible(int length, int seed = 42)
    {
        var random = new Random(seed);
        var data = new byte[length];
        var position = 0;
        var binary = new byte[8];
        while (position < length)
        {
            ReadOnlySpan<byte> token;
            if (random.Next(4) == 0)
            {
                random.NextBytes(binary);
                token = binary;
            }
            else
            {
                token = Encoding.ASCII.GetBytes(Words[random.Next(Words.Length)] + random.Next(100_000).ToString("x", null) + " ");
            }

            var count = Math.Min(token.Length, length - position);
            token[..count].CopyTo(data.AsSpan(position));
            position += count;
        }

        return data;
    }
}
