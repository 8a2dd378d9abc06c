using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>SYMLINK3args (RFC 1813 §3.3.10).</summary>
/// <param name="Where">The directory and name.</param>
/// <param name="Attributes">The initial attributes (a symlink's mode is always 0777 here).</param>
/// <param name="Target">The target path bytes.</param>
public readonly record struct SymlinkArgs(DirOpArgs Where, Nfs3SetAttributes Attributes, ReadOnlyMemory<byte> Target) : IXdrMessage<SymlinkArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out SymlinkArgs value)
    {
        var ok = DirOpArgs.TryRead(ref reader, out var where) & Nfs3Xdr.TryReadSetAttributes(ref reader, out var attributes) &
            reader.TryReadOpaqueMemory(Nfs3Xdr.MaxPathLength, out var target);
        value = new SymlinkArgs(where, attributes, target);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Where.Write(ref writer);
        Nfs3Xdr.WriteSetAttributes(ref writer, Attributes);
        writer.WriteOpaque(Target.Span);
    }
}
