using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>LOOKUP3res (RFC 1813 §3.3.3): the handle and attributes of the object and the directory's attributes; only the latter on failure.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Object">The handle found (on success).</param>
/// <param name="ObjectAttributes">The object's attributes (on success).</param>
/// <param name="DirAttributes">The directory's attributes.</param>
public readonly record struct LookupReply(Nfs3Status Status, NfsFileHandle Object, Nfs3Attributes? ObjectAttributes, Nfs3Attributes? DirAttributes) : IXdrMessage<LookupReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out LookupReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status))
        {
            return false;
        }

        var handle = default(NfsFileHandle);
        Nfs3Attributes? attributes = null;
        if (status == 0 && (!NfsFileHandle.TryRead(ref reader, out handle) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out attributes)))
        {
            return false;
        }

        if (!Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var dir))
        {
            return false;
        }

        value = new LookupReply((Nfs3Status)status, handle, attributes, dir);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        if (Status == Nfs3Status.Ok)
        {
            Object.Write(ref writer);
            Nfs3Xdr.WritePostOpAttributes(ref writer, ObjectAttributes);
        }

        Nfs3Xdr.WritePostOpAttributes(ref writer, DirAttributes);
    }
}
