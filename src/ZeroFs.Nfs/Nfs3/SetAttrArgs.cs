using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>SETATTR3args (RFC 1813 §3.3.2): the object, the new attributes and an optional ctime guard.</summary>
/// <param name="Object">The file.</param>
/// <param name="Attributes">What to change.</param>
/// <param name="GuardCtime">When not null, the change happens only if the object's ctime equals it (else NFS3ERR_NOT_SYNC).</param>
public readonly record struct SetAttrArgs(NfsFileHandle Object, Nfs3SetAttributes Attributes, NfsTime? GuardCtime) : IXdrMessage<SetAttrArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out SetAttrArgs value)
    {
        value = default;
        if (!NfsFileHandle.TryRead(ref reader, out var handle) || !Nfs3Xdr.TryReadSetAttributes(ref reader, out var attributes) || !reader.TryReadBool(out var check))
        {
            return false;
        }

        NfsTime? guard = null;
        if (check)
        {
            if (!Nfs3Xdr.TryReadTime(ref reader, out var ctime))
            {
                return false;
            }

            guard = ctime;
        }

        value = new SetAttrArgs(handle, attributes, guard);
        return true;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Object.Write(ref writer);
        Nfs3Xdr.WriteSetAttributes(ref writer, Attributes);
        writer.WriteBool(GuardCtime.HasValue);
        if (GuardCtime is { } ctime)
        {
            Nfs3Xdr.WriteTime(ref writer, ctime);
        }
    }
}
