using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>CREATE3args (RFC 1813 §3.3.8): where, how, and the attributes (UNCHECKED, GUARDED) or the verifier (EXCLUSIVE).</summary>
/// <param name="Where">The directory and name.</param>
/// <param name="Mode">UNCHECKED, GUARDED or EXCLUSIVE.</param>
/// <param name="Attributes">The initial attributes (not EXCLUSIVE).</param>
/// <param name="Verifier">The createverf3 (EXCLUSIVE).</param>
public readonly record struct CreateArgs(DirOpArgs Where, CreateMode Mode, Nfs3SetAttributes Attributes, ulong Verifier) : IXdrMessage<CreateArgs>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out CreateArgs value)
    {
        value = default;
        if (!DirOpArgs.TryRead(ref reader, out var where) || !reader.TryReadUInt32(out var mode))
        {
            return false;
        }

        var attributes = default(Nfs3SetAttributes);
        ulong verifier = 0;
        var ok = mode switch
        {
            (uint)CreateMode.Unchecked or (uint)CreateMode.Guarded => Nfs3Xdr.TryReadSetAttributes(ref reader, out attributes),
            (uint)CreateMode.Exclusive => reader.TryReadUInt64(out verifier),
            _ => false,
        };
        value = new CreateArgs(where, (CreateMode)mode, attributes, verifier);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        Where.Write(ref writer);
        writer.WriteUInt32((uint)Mode);
        if (Mode == CreateMode.Exclusive)
        {
            writer.WriteUInt64(Verifier);
        }
        else
        {
            Nfs3Xdr.WriteSetAttributes(ref writer, Attributes);
        }
    }
}
