using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>diropargs3 (RFC 1813 §3.3.3): a directory and a name; also LOOKUP3args, REMOVE3args and RMDIR3args.</summary>
/// <param name="Dir">The directory.</param>
/// <param name="Name">The name's raw bytes (a slice of the decoded record).</param>
public readonly record struct DirOpArgs(NfsFileHandle Dir, ReadOnlyMemory<byte> Name) : IXdrMessage<DirOpArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out DirOpArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var dir) & reader.TryReadOpaqueMemory(Nfs3Xdr.MaxNameLength, out var name);
        value = new DirOpArgs(dir, name);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Dir.Write(ref writer);
        writer.WriteOpaque(Name.Span);
    }
}
