using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>CREATE3res, MKDIR3res, SYMLINK3res and MKNOD3res (RFC 1813 §3.3.8–§3.3.11): on success the new object's handle and attributes; the directory's wcc data in both arms.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Object">The new object's handle (on success).</param>
/// <param name="ObjectAttributes">The new object's attributes (on success).</param>
/// <param name="DirWcc">The directory's weak cache consistency data.</param>
public readonly record struct CreateReply(Nfs3Status Status, NfsFileHandle? Object, Nfs3Attributes? ObjectAttributes, WccData DirWcc) : IXdrMessage<CreateReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out CreateReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status))
        {
            return false;
        }

        NfsFileHandle? handle = null;
        Nfs3Attributes? attributes = null;
        if (status == 0 && (!Nfs3Xdr.TryReadPostOpHandle(ref reader, out handle) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out attributes)))
        {
            return false;
        }

        if (!Nfs3Xdr.TryReadWcc(ref reader, out var wcc))
        {
            return false;
        }

        value = new CreateReply((Nfs3Status)status, handle, attributes, wcc);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        if (Status == Nfs3Status.Ok)
        {
            Nfs3Xdr.WritePostOpHandle(ref writer, Object);
            Nfs3Xdr.WritePostOpAttributes(ref writer, ObjectAttributes);
        }

        Nfs3Xdr.WriteWcc(ref writer, DirWcc);
    }
}
