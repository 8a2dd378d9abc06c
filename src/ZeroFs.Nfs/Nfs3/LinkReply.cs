using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>LINK3res (RFC 1813 §3.3.15): the file's attributes and the link directory's wcc data in both arms.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="FileAttributes">The file's attributes.</param>
/// <param name="LinkDirWcc">The link directory's wcc data.</param>
public readonly record struct LinkReply(Nfs3Status Status, Nfs3Attributes? FileAttributes, WccData LinkDirWcc) : IXdrMessage<LinkReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out LinkReply value)
    {
        var ok = reader.TryReadUInt32(out var status) & Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var file) & Nfs3Xdr.TryReadWcc(ref reader, out var wcc);
        value = new LinkReply((Nfs3Status)status, file, wcc);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, FileAttributes);
        Nfs3Xdr.WriteWcc(ref writer, LinkDirWcc);
    }
}
