using System.Buffers.Binary;
using System.Numerics;

namespace ZeroFs.ObjectStore;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF), the
/// checksum of iSCSI, ext4 and S3's <c>x-amz-checksum-crc32c</c>; <c>System.IO.Hashing.Crc32</c> is
/// the IEEE polynomial, so it is not usable here. <see cref="BitOperations.Crc32C(uint, ulong)"/>
/// uses SSE4.2 or ARMv8 CRC instructions and falls back to a table in software. One copy for every
/// assembly: sealed blocks and the key file (Crypto), SST tails (Engine), disk-cache parts (here).
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(uint.MaxValue, data);

    /// <summary>Continues a running (not yet finalised) CRC with <paramref name="data"/>; finalise with <c>~</c>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
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
