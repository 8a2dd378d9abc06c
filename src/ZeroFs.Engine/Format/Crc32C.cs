using System.Buffers.Binary;
using System.Numerics;

namespace ZeroFs.Engine.Format;

/// <summary>
/// CRC-32C (Castagnoli; init and final xor 0xFFFFFFFF) over the hardware instruction that
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> exposes. Used for the plaintext SST tail.
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    internal static uint Compute(ReadOnlySpan<byte> data) => ~Append(uint.MaxValue, data);

    /// <summary>Continues a running (non-finalised) CRC with <paramref name="data"/>.</summary>
    internal static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
