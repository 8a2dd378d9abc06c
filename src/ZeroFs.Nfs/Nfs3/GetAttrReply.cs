using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>GETATTR3res (RFC 1813 §3.3.1): the attributes on success, nothing else on failure.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The attributes (on success).</param>
public readonly record struct GetAttrReply(Nfs3Status Status, Nfs3Attributes Attributes) : IXdrMessage<GetAttrReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out GetAttrReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status))
        {
            return false;
        }

        var attributes = default(Nfs3Attributes);
        if (status == 0 && !Nfs3Attributes.TryRead(ref reader, out attributes))
        {
            return false;
        }

        value = new GetAttrReply((Nfs3Status)status, attributes);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        if (Status == Nfs3Status.Ok)
        {
            Attributes.Write(ref writer);
        }
    }
}
