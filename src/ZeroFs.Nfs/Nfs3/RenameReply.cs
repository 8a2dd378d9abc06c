using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>RENAME3res (RFC 1813 §3.3.14): both directories' wcc data in both arms.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="FromDirWcc">The source directory's wcc data.</param>
/// <param name="ToDirWcc">The target directory's wcc data.</param>
public readonly record struct RenameReply(Nfs3Status Status, WccData FromDirWcc, WccData ToDirWcc) : IXdrMessage<RenameReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out RenameReply value)
    {
        var ok = reader.TryReadUInt32(out var status) & Nfs3Xdr.TryReadWcc(ref reader, out var from) & Nfs3Xdr.TryReadWcc(ref reader, out var to);
        value = new RenameReply((Nfs3Status)status, from, to);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WriteWcc(ref writer, FromDirWcc);
        Nfs3Xdr.WriteWcc(ref writer, ToDirWcc);
    }
}
