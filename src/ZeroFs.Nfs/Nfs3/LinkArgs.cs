using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>LINK3args (RFC 1813 §3.3.15).</summary>
/// <param name="File">The existing file.</param>
/// <param name="Link">The directory and name of the new link.</param>
public readonly record struct LinkArgs(NfsFileHandle File, DirOpArgs Link) : IXdrMessage<LinkArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out LinkArgs value)
    {
        var ok = NfsFileHandle.TryRead(ref reader, out var file) & DirOpArgs.TryRead(ref reader, out var link);
        value = new LinkArgs(file, link);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        File.Write(ref writer);
        Link.Write(ref writer);
    }
}
