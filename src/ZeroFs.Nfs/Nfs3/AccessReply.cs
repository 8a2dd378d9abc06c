using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>ACCESS3res (RFC 1813 §3.3.4): the object's attributes and, on success, the bits granted.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The object's attributes.</param>
/// <param name="Access">The bits granted (on success).</param>
public readonly record struct AccessReply(Nfs3Status Status, Nfs3Attributes? Attributes, AccessBits Access) : IXdrMessage<AccessReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out AccessReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        uint access = 0;
        if (status == 0 && !reader.TryReadUInt32(out access))
        {
            return false;
        }

        value = new AccessReply((Nfs3Status)status, attributes, (AccessBits)access);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, Attributes);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt32((uint)Access);
        }
    }
}
