using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>MKDIR3args (RFC 1813 §3.3.9).</summary>
/// <param name="Where">The directory and name.</param>
/// <param name="Attributes">The initial attributes.</param>
public readonly record struct MkdirArgs(DirOpArgs Where, Nfs3SetAttributes Attributes) : IXdrMessage<MkdirArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out MkdirArgs value)
    {
        var ok = DirOpArgs.TryRead(ref reader, out var where) & Nfs3Xdr.TryReadSetAttributes(ref reader, out var attributes);
        value = new MkdirArgs(where, attributes);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Where.Write(ref writer);
        Nfs3Xdr.WriteSetAttributes(ref writer, Attributes);
    }
}
