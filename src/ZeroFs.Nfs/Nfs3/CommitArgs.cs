using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>COMMIT3args (RFC 1813 §3.3.21).</summary>
/// <param name="File">The file.</param>
/// <param name="Offset">The start of the range (the barrier here always covers everything).</param>
/// <param name="Count">The length of the range (0: to the end).</param>
public readonly record struct CommitArgs(NfsFileHandle File, ulong Offset, uint Count) : IXdrMessage<CommitArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out CommitArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var file) & reader.TryReadUInt64(out var offset) & reader.TryReadUInt32(out var count);
        value = new CommitArgs(file, offset, count);
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
