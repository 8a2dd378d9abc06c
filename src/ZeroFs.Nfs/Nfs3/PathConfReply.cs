using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>PATHCONF3res (RFC 1813 §3.3.20).</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The object's attributes.</param>
/// <param name="LinkMax">linkmax.</param>
/// <param name="NameMax">name_max.</param>
/// <param name="NoTrunc">no_trunc: long names are an error, not truncated.</param>
/// <param name="ChownRestricted">chown_restricted.</param>
/// <param name="CaseInsensitive">case_insensitive.</param>
/// <param name="CasePreserving">case_preserving.</param>
public readonly record struct PathConfReply(Nfs3Status Status, Nfs3Attributes? Attributes, uint LinkMax, uint NameMax, bool NoTrunc, bool ChownRestricted, bool CaseInsensitive, bool CasePreserving) : IXdrMessage<PathConfReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out PathConfReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        if (status != 0)
        {
            value = new PathConfReply((Nfs3Status)status, attributes, 0, 0, false, false, false, false);
            return true;
        }

        var ok = reader.TryReadUInt32(out var linkMax) & reader.TryReadUInt32(out var nameMax) & reader.TryReadBool(out var noTrunc) &
            reader.TryReadBool(out var chownRestricted) & reader.TryReadBool(out var caseInsensitive) & reader.TryReadBool(out var casePreserving);
        value = new PathConfReply(Nfs3Status.Ok, attributes, linkMax, nameMax, noTrunc, chownRestricted, caseInsensitive, casePreserving);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, Attributes);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt32(LinkMax);
            writer.WriteUInt32(NameMax);
            writer.WriteBool(NoTrunc);
            writer.WriteBool(ChownRestricted);
            writer.WriteBool(CaseInsensitive);
            writer.WriteBool(CasePreserving);
        }
    }
}
