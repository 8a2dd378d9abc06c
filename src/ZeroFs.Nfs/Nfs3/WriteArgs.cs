using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>WRITE3args (RFC 1813 §3.3.7); the data is a slice of the decoded record, never a copy.</summary>
/// <param name="File">The file.</param>
/// <param name="Offset">Where to write.</param>
/// <param name="Count">The byte count the client states (must not exceed the data).</param>
/// <param name="Stable">How durable the data must be before the reply.</param>
/// <param name="Data">The bytes.</param>
public readonly record struct WriteArgs(NfsFileHandle File, ulong Offset, uint Count, StableHow Stable, ReadOnlyMemory<byte> Data) : IXdrMessage<WriteArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out WriteArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var handle) & reader.TryReadUInt64(out var offset) & reader.TryReadUInt32(out var count) &
            reader.TryReadUInt32(out var stable) & reader.TryReadOpaqueMemory(int.MaxValue, out var data);
        value = new WriteArgs(handle, offset, count, (StableHow)stable, data);
        return ok && stable <= (uint)StableHow.FileSync;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        File.Write(ref writer);
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Count);
        writer.WriteUInt32((uint)Stable);
        writer.WriteOpaque(Data.Span);
    }
}
