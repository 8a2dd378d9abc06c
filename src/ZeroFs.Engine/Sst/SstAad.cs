using System.Buffers.Binary;

namespace ZeroFs.Engine.Sst;

/// <summary>
/// Associated data that binds a sealed SST block to its place (ENGINE.md §4):
/// <c>"zfsst" ‖ table ULID (16 bytes, big-endian) ‖ u64 block offset (LE) ‖ u8 block kind</c>, 30 bytes.
/// A block copied to another table, offset or role fails authentication.
/// </summary>
internal static class SstAad
{
    /// <summary>AAD length.</summary>
    internal const int Length = 30;

    /// <summary>Writes the AAD of a block.</summary>
    internal static void Write(Span<byte> destination, Ulid tableId, long offset, BlockKind kind)
    {
        "zfsst"u8.CopyTo(destination);
        tableId.WriteBytes(destination[5..]);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[21..], (ulong)offset);
        destination[29] = (byte)kind;
    }
}
