using ZeroFs.Nfs.Xdr;

namespace ZeroFs.Nfs.Nfs3;

/// <summary>FSSTAT3res (RFC 1813 §3.3.18): space and file counts.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Attributes">The root's attributes.</param>
/// <param name="TotalBytes">tbytes.</param>
/// <param name="FreeBytes">fbytes.</param>
/// <param name="AvailableBytes">abytes (for the caller).</param>
/// <param name="TotalFiles">tfiles.</param>
/// <param name="FreeFiles">ffiles.</param>
/// <param name="AvailableFiles">afiles.</param>
/// <param name="InvariantSeconds">invarsec: how long the figures are not expected to change.</param>
public readonly record struct FsStatReply(Nfs3Status Status, Nfs3Attributes? Attributes, ulong TotalBytes, ulong FreeBytes, ulong AvailableBytes, ulong TotalFiles, ulong FreeFiles, ulong AvailableFiles, uint InvariantSeconds) : IXdrMessage<FsStatReply>
{
    /// <inheritdoc />
    public static bool TryRead(ref XdrReader reader, out FsStatReply value)
    {
        value = default;
        if (!reader.TryReadUInt32(out var status) || !Nfs3Xdr.TryReadPostOpAttributes(ref reader, out var attributes))
        {
            return false;
        }

        if (status != 0)
        {
            value = new FsStatReply((Nfs3Status)status, attributes, 0, 0, 0, 0, 0, 0, 0);
            return true;
        }

        var ok = reader.TryReadUInt64(out var tbytes) & reader.TryReadUInt64(out var fbytes) & reader.TryReadUInt64(out var abytes) &
            reader.TryReadUInt64(out var tfiles) & reader.TryReadUInt64(out var ffiles) & reader.TryReadUInt64(out var afiles) & reader.TryReadUInt32(out var invarsec);
        value = new FsStatReply(Nfs3Status.Ok, attributes, tbytes, fbytes, abytes, tfiles, ffiles, afiles, invarsec);
        return ok;
    }

    /// <inheritdoc />
    public void Write(ref XdrWriter writer)
    {
        writer.WriteUInt32((uint)Status);
        Nfs3Xdr.WritePostOpAttributes(ref writer, Attributes);
        if (Status == Nfs3Status.Ok)
        {
            writer.WriteUInt64(TotalBytes);
            writer.WriteUInt64(FreeBytes);
            writer.WriteUInt64(AvailableBytes);
            writer.WriteUInt64(TotalFiles);
            writer.WriteUInt64(FreeFiles);
            writer.WriteUInt64(AvailableFiles);
            writer.WriteUInt32(InvariantSeconds);
        }
    }
}
