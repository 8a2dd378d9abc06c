using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>SETATTR3res, REMOVE3res and RMDIR3res (RFC 1813 §3.3.2, §3.3.12, §3.3.13): the status and one wcc_data in both arms.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Wcc">The object's (SETATTR) or directory's weak cache consistency data.</param>
public readonly record struct WccReply(Nfs3Status Status, WccData Wcc) : IXdrMessage<WccReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out WccReply value)
    {
        var ok = reader.TryReadUInt32(out var status) & Nfs3Xdr.TryReadWcc(ref reader, out var wcc);
        value = new WccReply((Nfs3Status)status, wcc);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WriteWcc(ref writer, Wcc);
    }
}
