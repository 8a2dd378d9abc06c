using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>READ3args (RFC 1813 §3.3.6).</summary>
/// <param name="File">The file.</param>
/// <param name="Offset">Where to read.</param>
/// <param name="Count">How many bytes.</param>
public readonly record struct ReadArgs(NfsFileHandle File, ulong Offset, uint Count) : IXdrMessage<ReadArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out ReadArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var handle) & reader.TryReadUInt64(out var offset) & reader.TryReadUInt32(out var count);
        value = new ReadArgs(handle, offset, count);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        File.Write(ref writer);
        writer.WriteUInt64(Offset);
        writer.WriteUInt32(Count);
    }
}
