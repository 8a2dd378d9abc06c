using System.Buffers;
using System.Buffers.Binary;

namespace ZeroFs.Engine.Format;

/// <summary>Little-endian and varint appends for the manifest and WAL encoders.</summary>
internal static class BufferWriterExtensions
{
    /// <summary>Appends one byte.</summary>
    internal static void WriteU8(this IBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    /// <summary>Appends a little-endian u32.</summary>
    internal static void WriteU32(this IBufferWriter<byte> w, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    /// <summary>Appends a little-endian u64.</summary>
    internal static void WriteU64(this IBufferWriter<byte> w, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    /// <summary>Appends a LEB128 varint.</summary>
    internal static void WriteVarint(this IBufferWriter<byte> w, ulong value)
    {
        var n = Varint.Write(w.GetSpan(Varint.MaxLength64), value);
        w.Advance(n);
    }

    /// <summary>Appends raw bytes.</summary>
    internal static void WriteBytes(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(w.GetSpan(bytes.Length));
        w.Advance(bytes.Length);
    }

    /// <summary>Appends a varint length and the bytes.</summary>
    internal static void WriteLengthPrefixed(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        w.WriteVarint((ulong)bytes.Length);
        w.WriteBytes(bytes);
    }
}
